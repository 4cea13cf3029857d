package io.restock.backorder.topology;

import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md rule 8 through the real topology: shortfalls become purchase orders. */
class ProcurementRulesTest {

    @AutoClose
    private final BackorderDriver d = new BackorderDriver();

    @Test
    void aShortfallOfFiveWithMinimumTwentyAndPackTenOrdersOneLineOfTwenty() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);
        d.shortfall("sf-1", "SKU-1", 5);
        assertThat(d.issued()).as("nothing before the window closes").isEmpty();

        d.closeBatches();

        final List<PurchaseOrderIssued> issued = d.issued();
        assertThat(issued).hasSize(1);
        assertThat(issued.getFirst().getSupplierId()).isEqualTo("S1");
        assertThat(issued.getFirst().getPurchaseOrderId()).isEqualTo("PO-S1-1");
        assertThat(issued.getFirst().getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("SKU-1");
            assertThat(line.getQuantity()).isEqualTo(20);
            assertThat(line.getRequestedDate()).isEqualTo(DAY0.plusDays(10));
        });
    }

    @Test
    void twoShortfallsInsideOneWindowMakeOnePurchaseOrderClosedByStreamTime() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.policy("SKU-2", 1, 20, false);
        d.policy("SKU-3", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 1, 1);
        d.offer("S1", "SKU-2", 10, "7.00", 1, 1);
        d.offer("S2", "SKU-3", 10, "7.00", 1, 1);

        d.at(T0).shortfall("sf-1", "SKU-1", 4);
        d.at(T0.plus(Duration.ofMinutes(5))).shortfall("sf-2", "SKU-2", 6);
        assertThat(d.issued()).isEmpty();
        // A later record moves stream time past S1's window: its batch closes, S2's has just opened.
        d.at(T0.plus(Duration.ofMinutes(11))).shortfall("sf-3", "SKU-3", 3);

        final List<PurchaseOrderIssued> issued = d.issued();
        assertThat(issued).singleElement().satisfies(po -> {
            assertThat(po.getSupplierId()).isEqualTo("S1");
            assertThat(po.getLines()).extracting(PurchaseOrderLine::getSku, PurchaseOrderLine::getQuantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1", 4),
                            org.assertj.core.groups.Tuple.tuple("SKU-2", 6));
        });
    }

    @Test
    void aDuplicateShortfallDoesNotOrderTwice() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);
        d.shortfall("sf-1", "SKU-1", 5);
        d.shortfall("sf-1", "SKU-1", 5);
        d.closeBatches();
        assertThat(d.issued()).singleElement()
                .satisfies(po -> assertThat(po.getLines().getFirst().getQuantity()).isEqualTo(20));

        d.later(Duration.ofMinutes(30)).shortfall("sf-1", "SKU-1", 5);
        // A new shortfall already covered by the rounded-up line orders nothing either.
        d.shortfall("sf-2", "SKU-1", 5);
        d.closeBatches();
        assertThat(d.issued()).as("5 + 5 are covered by the 20 on order").isEmpty();
    }

    @Test
    void aShortfallBeyondWhatIsOnOrderOrdersOnlyTheDifference() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 1, 1);
        d.shortfall("sf-1", "SKU-1", 5);
        d.closeBatches();
        assertThat(d.issued()).hasSize(1);

        d.later(Duration.ofMinutes(30)).shortfall("sf-2", "SKU-1", 7);
        d.closeBatches();
        assertThat(d.issued()).singleElement().satisfies(po -> {
            assertThat(po.getPurchaseOrderId()).isEqualTo("PO-S1-2");
            assertThat(po.getLines().getFirst().getQuantity()).isEqualTo(7);
        });
    }

    @Test
    void aSupplierRejectionMovesTheLineToTheNextSupplier() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 1, 1);
        d.offer("S2", "SKU-1", 10, "6.00", 1, 1);
        d.shortfall("sf-1", "SKU-1", 8);
        d.closeBatches();
        final PurchaseOrderIssued first = d.issued().getFirst();
        assertThat(first.getSupplierId()).as("the cheaper supplier first").isEqualTo("S1");

        d.later(Duration.ofHours(1)).reject(first.getPurchaseOrderId(), "S1", null);
        d.closeBatches();

        assertThat(d.issued()).singleElement().satisfies(po -> {
            assertThat(po.getSupplierId()).isEqualTo("S2");
            assertThat(po.getLines().getFirst().getQuantity()).isEqualTo(8);
        });
    }

    @Test
    void aShortAcknowledgementOrdersTheShortageFromTheNextSupplier() {
        d.at(T0).policy("SKU-1", 1, 20, false);
        d.offer("S1", "SKU-1", 10, "5.00", 1, 1);
        d.offer("S2", "SKU-1", 12, "6.00", 1, 1);
        d.shortfall("sf-1", "SKU-1", 10);
        d.closeBatches();
        final PurchaseOrderIssued first = d.issued().getFirst();

        d.later(Duration.ofHours(1)).acknowledge(first.getPurchaseOrderId(), "S1", "m1",
                first.getLines().getFirst().getLineId(), 6, DAY0.plusDays(10));
        d.closeBatches();

        assertThat(d.issued()).singleElement().satisfies(po -> {
            assertThat(po.getSupplierId()).isEqualTo("S2");
            assertThat(po.getLines().getFirst().getQuantity()).isEqualTo(4);
        });
    }
}
