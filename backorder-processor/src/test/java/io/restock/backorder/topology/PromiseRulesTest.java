package io.restock.backorder.topology;

import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.PromiseBasis;
import io.restock.events.PurchaseOrderIssued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SYSTEM.md rules 4 and 9 through the real topology. Setup: SKU-1 (1 handling day), supplier S1
 * (lead 10 days, minimum 20), three backorders A, B, C of 5 units in FIFO order, a shortfall of 15
 * ordered as one line of 20 expected on day 10, so every backorder is promised day 11.
 */
class PromiseRulesTest {

    private final BackorderDriver d = new BackorderDriver();
    private PurchaseOrderIssued po;
    private String lineId;

    @BeforeEach
    void threeBackordersWaitingForOneLine() {
        d.at(T0).policy("SKU-1", 1, 0, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);
        d.backordered("A", "SKU-1", 5, T0.plusSeconds(1), DAY0.plusDays(11));
        d.backordered("B", "SKU-1", 5, T0.plusSeconds(2), DAY0.plusDays(11));
        d.backordered("C", "SKU-1", 5, T0.plusSeconds(3), DAY0.plusDays(11));
        d.shortfall("sf-1", "SKU-1", 15);
        d.closeBatches();
        po = d.issued().getFirst();
        lineId = po.getLines().getFirst().getLineId();
        assertThat(d.dateChanges()).as("dates as promised at acceptance").isEmpty();
    }

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void anAcknowledgementWithALaterDateMovesExactlyTheAffectedBackorders() {
        d.later(Duration.ofHours(1)).ship(po.getPurchaseOrderId(), "S1", "ship-1", lineId, 5, DAY0.plusDays(3));
        assertThat(d.dateChanges()).singleElement().satisfies(c -> {
            assertThat(c.getOrderId()).isEqualTo("A");
            assertThat(c.getNewDate()).isEqualTo(DAY0.plusDays(4));
            assertThat(c.getReason()).isEqualTo(DateChangeReason.SHIPMENT_DISPATCHED);
        });

        // The acknowledgement comes after the shipment notice: it moves the unshipped rest only.
        d.later(Duration.ofHours(1)).acknowledge(po.getPurchaseOrderId(), "S1", "m1", lineId, 20, DAY0.plusDays(15));

        assertThat(d.dateChanges())
                .extracting(DeliveryDateChanged::getOrderId, DeliveryDateChanged::getPreviousDate,
                        DeliveryDateChanged::getNewDate, DeliveryDateChanged::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("B", DAY0.plusDays(11), DAY0.plusDays(16),
                                DateChangeReason.SUPPLIER_ACKNOWLEDGED),
                        org.assertj.core.groups.Tuple.tuple("C", DAY0.plusDays(11), DAY0.plusDays(16),
                                DateChangeReason.SUPPLIER_ACKNOWLEDGED));
    }

    @Test
    void aCancellationAheadInTheQueuePullsLaterDatesEarlier() {
        d.later(Duration.ofHours(1)).ship(po.getPurchaseOrderId(), "S1", "ship-1", lineId, 10, DAY0.plusDays(3));
        assertThat(d.dateChanges()).extracting(DeliveryDateChanged::getOrderId).containsExactly("A", "B");

        d.later(Duration.ofHours(1)).backorderCancelled("A", "SKU-1", 5);

        assertThat(d.dateChanges()).singleElement().satisfies(c -> {
            assertThat(c.getOrderId()).isEqualTo("C");
            assertThat(c.getPreviousDate()).isEqualTo(DAY0.plusDays(11));
            assertThat(c.getNewDate()).isEqualTo(DAY0.plusDays(4));
            assertThat(c.getReason()).isEqualTo(DateChangeReason.CANCELLATION);
        });
    }

    @Test
    void aSupplierChangingItsDateTwiceMovesTheDatesTwice() {
        d.later(Duration.ofHours(1)).acknowledge(po.getPurchaseOrderId(), "S1", "m1", lineId, 20, DAY0.plusDays(10));
        assertThat(d.dateChanges()).isEmpty();
        d.later(Duration.ofHours(1)).changePromise(po.getPurchaseOrderId(), "S1", lineId, DAY0.plusDays(12));
        assertThat(d.dateChanges()).hasSize(3).allSatisfy(c -> assertThat(c.getNewDate()).isEqualTo(DAY0.plusDays(13)));
        d.later(Duration.ofHours(1)).changePromise(po.getPurchaseOrderId(), "S1", lineId, DAY0.plusDays(8));
        assertThat(d.dateChanges()).hasSize(3).allSatisfy(c -> {
            assertThat(c.getPreviousDate()).isEqualTo(DAY0.plusDays(13));
            assertThat(c.getNewDate()).isEqualTo(DAY0.plusDays(9));
            assertThat(c.getReason()).isEqualTo(DateChangeReason.PROMISED_DATE_CHANGED);
        });
    }

    @Test
    void theSkuPromiseIsTheEarliestDateNewDemandCouldBeMet() {
        // 5 of the 20 are not claimed: new demand is met by the line, on day 10 (handling days excluded).
        assertThat(d.promises()).last().satisfies(p -> {
            assertThat(p.key()).isEqualTo("SKU-1");
            assertThat(p.value().getEarliestDate()).isEqualTo(DAY0.plusDays(10));
            assertThat(p.value().getBasis()).isEqualTo(PromiseBasis.INBOUND);
        });
    }
}
