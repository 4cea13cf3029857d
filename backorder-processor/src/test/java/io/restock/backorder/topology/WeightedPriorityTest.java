package io.restock.backorder.topology;

import io.restock.allocation.rules.PriorityRule;
import io.restock.backorder.config.BackorderSettings;
import io.restock.events.CustomerTier;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.PurchaseOrderIssued;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static io.restock.backorder.topology.BackorderDriver.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weighted priority rule reaches the topology: the tier and line value inventory-stream puts on
 * {@code LineBackordered} order the mirrored book, so the first units to arrive are promised to the
 * backorder inventory-stream will fill first. Setup: a STANDARD backorder A placed first and a GOLD
 * backorder G placed a second later, 5 units each, one purchase-order line of 20; 5 units ship early.
 */
class WeightedPriorityTest {

    private static void twoBackordersAndAnEarlyPartialShipment(final BackorderDriver d) {
        d.at(T0).policy("SKU-1", 1, 0, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);
        d.backordered("A", "SKU-1", 5, T0.plusSeconds(1), DAY0.plusDays(11), CustomerTier.STANDARD,
                new BigDecimal("50.0000"));
        d.backordered("G", "SKU-1", 5, T0.plusSeconds(2), DAY0.plusDays(11), CustomerTier.GOLD,
                new BigDecimal("50.0000"));
        d.shortfall("sf-1", "SKU-1", 10);
        d.closeBatches();
        final PurchaseOrderIssued po = d.issued().getFirst();
        d.dateChanges();
        d.later(Duration.ofHours(1)).ship(po.getPurchaseOrderId(), "S1", "ship-1",
                po.getLines().getFirst().getLineId(), 5, DAY0.plusDays(3));
    }

    @Test
    void underTheWeightedRuleAHigherTierCustomerWhoOrderedLaterIsPromisedTheFirstUnits() {
        try (BackorderDriver d = new BackorderDriver(BackorderSettings.defaults().withBatchWindow(WINDOW)
                .withPriorityRule(PriorityRule.weighted(10, 0.01, 1)))) {
            twoBackordersAndAnEarlyPartialShipment(d);
            assertThat(d.dateChanges()).extracting(DeliveryDateChanged::getOrderId).containsExactly("G");
        }
    }

    @Test
    void underFifoTheFirstToOrderIsPromisedTheFirstUnitsWhateverTheTier() {
        try (BackorderDriver d = new BackorderDriver()) {
            twoBackordersAndAnEarlyPartialShipment(d);
            assertThat(d.dateChanges()).extracting(DeliveryDateChanged::getOrderId).containsExactly("A");
        }
    }
}
