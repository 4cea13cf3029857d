package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.procurement.PurchaseOrderDraft;
import io.restock.events.InboundArrival;
import io.restock.events.PurchaseOrderIssued;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Supplier input that is late, repeated, partial, too large or not ours: each has a defined outcome. */
class SupplierEventsTest {

    @AutoClose
    private final BackorderDriver d = new BackorderDriver();
    private PurchaseOrderIssued po;
    private String lineId;

    @BeforeEach
    void oneLineOfTwentyForTwoBackorders() {
        d.at(T0).policy("SKU-1", 1, 0, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);
        d.backordered("A", "SKU-1", 10, T0.plusSeconds(1), DAY0.plusDays(11));
        d.backordered("B", "SKU-1", 10, T0.plusSeconds(2), DAY0.plusDays(11));
        d.shortfall("sf-1", "SKU-1", 20);
        d.closeBatches();
        po = d.issued().getFirst();
        lineId = po.getLines().getFirst().getLineId();
        d.supplies();
    }

    @Test
    void theSameAcknowledgementTwicePublishesTheScheduleOnce() {
        d.later(Duration.ofHours(1)).acknowledge(po.getPurchaseOrderId(), "S1", "m1", lineId, 20, DAY0.plusDays(14));
        assertThat(d.supplies()).singleElement().satisfies(s -> {
            assertThat(s.getChangeReason()).isEqualTo("SUPPLIER_ACKNOWLEDGED");
            assertThat(s.getInbound()).singleElement().satisfies(l -> assertThat(l.getArrivals())
                    .extracting(InboundArrival::getExpected).containsExactly(DAY0.plusDays(14)));
        });
        d.acknowledge(po.getPurchaseOrderId(), "S1", "m1", lineId, 20, DAY0.plusDays(14));
        assertThat(d.supplies()).isEmpty();
    }

    @Test
    void aPartialShipmentScheduleItsUnitsAtTheirArrival() {
        d.later(Duration.ofHours(1)).acknowledge(po.getPurchaseOrderId(), "S1", "m1", lineId, 20, DAY0.plusDays(14));
        d.supplies();
        d.ship(po.getPurchaseOrderId(), "S1", "ship-1", lineId, 10, DAY0.plusDays(5));
        assertThat(d.supplies()).singleElement().satisfies(s -> assertThat(s.getInbound().getFirst().getArrivals())
                .containsExactly(new InboundArrival(DAY0.plusDays(5), 10), new InboundArrival(DAY0.plusDays(14), 10)));
        // The same shipment notice again changes nothing.
        d.ship(po.getPurchaseOrderId(), "S1", "ship-1", lineId, 10, DAY0.plusDays(5));
        assertThat(d.supplies()).isEmpty();
    }

    @Test
    void aReceiptLargerThanOrderedClosesTheLineAndTheRestIsStock() {
        d.later(Duration.ofDays(2)).received("SKU-1", 25, po.getPurchaseOrderId(), lineId);
        // inventory-stream fills both backorders from the receipt.
        d.backorderFilled("A", "SKU-1", 10, 0);
        d.backorderFilled("B", "SKU-1", 10, 0);
        // The line is closed: nothing inbound, nothing on order.
        assertThat(d.supplies()).last().satisfies(s -> {
            assertThat(s.getInbound()).isEmpty();
            assertThat(s.getOnOrder()).isZero();
        });
        // A late acknowledgement for the closed line is ignored.
        d.acknowledge(po.getPurchaseOrderId(), "S1", "m-late", lineId, 20, DAY0.plusDays(30));
        assertThat(d.supplies()).isEmpty();
    }

    @Test
    void aMessageForAPurchaseOrderThatNeverComesIsDeadLetteredAfterTheAnswerWait() {
        d.acknowledge("PO-nobody-1", "S1", "m1", "x~1", 5, DAY0.plusDays(3));
        assertThat(d.deadLetters(Topics.SUPPLIER_EVENTS.name())).as("waits for its order first").isEmpty();

        d.advanceWallClock(BackorderSettings.defaults().answerWait());
        assertThat(d.deadLetters(Topics.SUPPLIER_EVENTS.name())).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("PO-nobody-1");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_REASON)).contains("UNKNOWN_PURCHASE_ORDER");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).contains(Topics.SUPPLIER_EVENTS.name());
        });
        assertThat(d.supplies()).as("the schedule is unchanged").isEmpty();
    }

    @Test
    void anAnswerThatOvertakesItsPurchaseOrderIsAppliedWhenTheOrderArrives() {
        try (BackorderDriver fresh = new BackorderDriver()) {
            fresh.at(T0).policy("SKU-1", 1, 0, false);
            fresh.offer("S1", "SKU-1", 10, "5.00", 20, 10);
            fresh.backordered("A", "SKU-1", 10, T0.plusSeconds(1), DAY0.plusDays(11));
            fresh.shortfall("sf-1", "SKU-1", 10);
            // The supplier answers the first purchase order before this step has read it back.
            final String poId = PurchaseOrderDraft.purchaseOrderId("S1", 1);
            final String line = PurchaseOrderDraft.lineId("SKU-1", 1);
            fresh.acknowledge(poId, "S1", "m1", line, 20, DAY0.plusDays(14));
            fresh.supplies();

            fresh.closeBatches();
            assertThat(fresh.issued()).singleElement().satisfies(issued -> {
                assertThat(issued.getPurchaseOrderId()).isEqualTo(poId);
                assertThat(issued.getLines().getFirst().getLineId()).isEqualTo(line);
            });
            assertThat(fresh.supplies()).as("the parked acknowledgement dates the line")
                    .last().satisfies(s -> assertThat(s.getInbound()).singleElement().satisfies(l -> assertThat(
                            l.getArrivals()).extracting(InboundArrival::getExpected).containsExactly(DAY0.plusDays(14))));
            fresh.advanceWallClock(BackorderSettings.defaults().answerWait());
            assertThat(fresh.deadLetters(Topics.SUPPLIER_EVENTS.name())).isEmpty();
        }
    }

    @Test
    void aMessageFromAnotherSupplierThanTheOrdersIsDeadLettered() {
        d.acknowledge(po.getPurchaseOrderId(), "S9", "m1", lineId, 20, DAY0.plusDays(3));
        assertThat(d.deadLetters(Topics.SUPPLIER_EVENTS.name())).singleElement().satisfies(r ->
                assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE)).get().asString()
                        .startsWith("UNKNOWN_SUPPLIER"));
        assertThat(d.supplies()).as("the schedule is unchanged").isEmpty();
    }
}
