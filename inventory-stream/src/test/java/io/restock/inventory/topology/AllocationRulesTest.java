package io.restock.inventory.topology;

import io.restock.allocation.rules.PriorityRule;
import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.CustomerTier;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuPolicy;
import io.restock.events.StockLevel;
import io.restock.events.StockShortfall;
import io.restock.inventory.config.InventorySettings;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restock.inventory.topology.InventoryDriver.DAY0;
import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** DOMAIN.md rules 1, 2, 3, 5, 6 and 7 on the real topology, one test per rule or case. */
class AllocationRulesTest {

    @AutoClose
    private InventoryDriver inventory = new InventoryDriver();

    private static <T> List<T> ofType(final List<Object> events, final Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private StockLevel lastLevel() {
        final List<StockLevel> levels = inventory.stockLevels();
        assertThat(levels).isNotEmpty();
        return levels.getLast();
    }

    // ---- rule 1

    @Test
    void aBackorderCarriesTheCustomersTierAndTheLineValueForTheWeightedRule() {
        inventory.sku("sku-a").receive("sku-a", 1).drain();

        inventory.order("o-1", ShippingPolicy.PARTIAL, CustomerTier.GOLD, null,
                new InventoryDriver.Line("1", "sku-a", 4, new java.math.BigDecimal("2.5000")));

        assertThat(ofType(inventory.lineEvents(), LineBackordered.class)).singleElement().satisfies(b -> {
            assertThat(b.getCustomerTier()).isEqualTo(CustomerTier.GOLD);
            assertThat(b.getLineValue()).isEqualByComparingTo("10.00");
        });
    }


    @Test
    void allocatesWhatIsInStockAndBackordersTheRemainder() {
        inventory.sku("sku-a").receive("sku-a", 10).drain();

        inventory.order("o-1", line("1", "sku-a", 15));
        final List<Object> first = inventory.lineEvents();
        assertThat(ofType(first, LineAllocated.class)).singleElement()
                .satisfies(a -> assertThat(a.getQuantity()).isEqualTo(10))
                .satisfies(a -> assertThat(a.getOrderedQuantity()).isEqualTo(15));
        assertThat(ofType(first, LineBackordered.class)).singleElement()
                .satisfies(b -> assertThat(b.getQuantity()).isEqualTo(5))
                .satisfies(b -> assertThat(b.getQueuePosition()).isEqualTo(1))
                .satisfies(b -> assertThat(b.getPromisedDate()).isEqualTo(DAY0.plusDays(5 + 1)));

        inventory.order("o-2", line("1", "sku-a", 5));
        final List<Object> second = inventory.lineEvents();
        assertThat(ofType(second, LineAllocated.class)).isEmpty();
        assertThat(ofType(second, LineBackordered.class)).singleElement()
                .satisfies(b -> assertThat(b.getQuantity()).isEqualTo(5))
                .satisfies(b -> assertThat(b.getQueuePosition()).isEqualTo(2));

        final StockLevel level = lastLevel();
        assertThat(level.getOnHand()).isEqualTo(10);
        assertThat(level.getAllocated()).isEqualTo(10);
        assertThat(level.getAvailable()).isZero();
        assertThat(level.getBackordered()).isEqualTo(10);
    }

    // ---- rule 5

    @Test
    void receiptFillsBackordersInPriorityOrderAndLeavesTheRestOnHand() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 15));
        inventory.afterDays(1).order("o-2", line("1", "sku-a", 5));
        inventory.drain();

        inventory.afterDays(1).receive("sku-a", 20);

        assertThat(ofType(inventory.lineEvents(), BackorderAllocated.class))
                .extracting(BackorderAllocated::getOrderId, BackorderAllocated::getQuantity,
                        BackorderAllocated::getRemainingBackordered)
                .containsExactly(tuple("o-1", 5, 0), tuple("o-2", 5, 0));
        final StockLevel level = lastLevel();
        assertThat(level.getOnHand()).isEqualTo(30);
        assertThat(level.getAllocated()).isEqualTo(20);
        assertThat(level.getAvailable()).isEqualTo(10);
        assertThat(level.getBackordered()).isZero();
    }

    @Test
    void partialReceiptFillsTheFirstInQueueAndLeavesTheRestWaiting() {
        inventory.sku("sku-a");
        inventory.order("o-1", line("1", "sku-a", 4));
        inventory.afterDays(1).order("o-2", line("1", "sku-a", 4));
        inventory.drain();

        inventory.receive("sku-a", 6);

        assertThat(ofType(inventory.lineEvents(), BackorderAllocated.class))
                .extracting(BackorderAllocated::getOrderId, BackorderAllocated::getQuantity,
                        BackorderAllocated::getRemainingBackordered)
                .containsExactly(tuple("o-1", 4, 0), tuple("o-2", 2, 2));
    }

    @Test
    void waitingTimeOvertakesTierAfterEnoughDays() {
        inventory.close();
        // GOLD is worth 2 x 10 points, a day of waiting 1 point.
        inventory = new InventoryDriver(InventorySettings.defaults().withPriorityRule(PriorityRule.weighted(10, 0, 1)));
        inventory.policy(InventoryDriver.policy("sku-a")).offer("acme", "sku-a", 5);
        final SkuPolicy patient = SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setMaxWaitDays(100).build();
        inventory.policy(patient);

        inventory.order("o-std-early", ShippingPolicy.PARTIAL, CustomerTier.STANDARD, null, line("1", "sku-a", 1));
        inventory.afterDays(19).order("o-gold-19", ShippingPolicy.PARTIAL, CustomerTier.GOLD, null, line("1", "sku-a", 1));
        inventory.afterDays(2).order("o-std-21", ShippingPolicy.PARTIAL, CustomerTier.STANDARD, null, line("1", "sku-a", 1));
        inventory.afterDays(2).order("o-gold-44", ShippingPolicy.PARTIAL, CustomerTier.GOLD, null, line("1", "sku-a", 1));
        inventory.drain();

        inventory.afterDays(1).receive("sku-a", 4);

        // o-gold-19 placed 19 days after o-std-early: 20 tier points beat 19 days -> gold first.
        // o-gold-44 placed 23 days after o-std-21... but 2 days after it: gold first again; and o-std-early
        // has waited 21+ days longer than o-gold-44: the old standard order overtakes that gold order.
        assertThat(ofType(inventory.lineEvents(), BackorderAllocated.class)).extracting(BackorderAllocated::getOrderId)
                .containsExactly("o-gold-19", "o-std-early", "o-gold-44", "o-std-21");
    }

    @Test
    void fifoIsTheDefaultPriority() {
        inventory.sku("sku-a");
        inventory.order("o-gold-late", ShippingPolicy.PARTIAL, CustomerTier.PLATINUM, null, line("1", "sku-a", 1));
        inventory.at(InventoryDriver.T0.minusSeconds(60))
                .order("o-std-early", ShippingPolicy.PARTIAL, CustomerTier.STANDARD, null, line("1", "sku-a", 1));
        inventory.drain();

        inventory.afterDays(1).receive("sku-a", 1);

        assertThat(ofType(inventory.lineEvents(), BackorderAllocated.class)).extracting(BackorderAllocated::getOrderId)
                .containsExactly("o-std-early");
    }

    // ---- rule 6

    @Test
    void cancellingAnAllocatedLineHandsTheStockToTheNextInQueue() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 10));
        inventory.afterDays(1).order("o-2", line("1", "sku-a", 4));
        inventory.drain();

        inventory.cancel("o-1", "1");

        final List<Object> events = inventory.lineEvents();
        assertThat(ofType(events, LineReleased.class)).extracting(LineReleased::getOrderId, LineReleased::getQuantity)
                .containsExactly(tuple("o-1", 10));
        assertThat(ofType(events, BackorderAllocated.class))
                .extracting(BackorderAllocated::getOrderId, BackorderAllocated::getQuantity)
                .containsExactly(tuple("o-2", 4));
        final StockLevel level = lastLevel();
        assertThat(level.getAllocated()).isEqualTo(4);
        assertThat(level.getAvailable()).isEqualTo(6);
    }

    @Test
    void cancellingABackorderedLineLeavesTheQueueAndLowersTheRequirement() {
        inventory.sku("sku-a");
        inventory.order("o-1", line("1", "sku-a", 3));
        inventory.order("o-2", line("1", "sku-a", 2));
        inventory.drain();

        inventory.cancel("o-1");

        assertThat(ofType(inventory.lineEvents(), BackorderCancelled.class))
                .extracting(BackorderCancelled::getOrderId, BackorderCancelled::getQuantity)
                .containsExactly(tuple("o-1", 3));
        assertThat(lastLevel().getBackordered()).isEqualTo(2);
        inventory.receive("sku-a", 2);
        assertThat(ofType(inventory.lineEvents(), BackorderAllocated.class)).extracting(BackorderAllocated::getOrderId)
                .containsExactly("o-2");
    }

    @Test
    void shipmentTakesStockOffOnHandAndAllocatedAndCancellingThenReleasesOnlyTheUnshippedUnits() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 6));
        inventory.drain();

        inventory.ship("sku-a", "o-1", "1", 4);
        StockLevel level = lastLevel();
        assertThat(level.getOnHand()).isEqualTo(6);
        assertThat(level.getAllocated()).isEqualTo(2);

        inventory.cancel("o-1", "1");
        assertThat(ofType(inventory.lineEvents(), LineReleased.class)).extracting(LineReleased::getQuantity)
                .containsExactly(2);
        assertThat(inventory.book("sku-a").getAllocated()).isZero();
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(6);
    }

    // ---- rule 3

    @Test
    void rejectsTheRemainderOfANonBackorderableSkuWithInStockSubstitutes() {
        inventory.sku("sub-1").sku("sub-2").sku("sub-3").sku("sub-4");
        inventory.receive("sub-2", 3).receive("sub-3", 1).receive("sub-4", 7);
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setBackorderable(false)
                .setSubstitutes(List.of("sub-1", "sub-2", "sub-3", "sub-4")).build());
        inventory.receive("sku-a", 2).drain();

        inventory.order("o-1", line("1", "sku-a", 5));

        final List<Object> events = inventory.lineEvents();
        assertThat(ofType(events, LineAllocated.class)).extracting(LineAllocated::getQuantity).containsExactly(2);
        final LineRejected rejected = ofType(events, LineRejected.class).getFirst();
        assertThat(rejected.getQuantity()).isEqualTo(3);
        assertThat(rejected.getReason()).isEqualTo(RejectionReason.NOT_BACKORDERABLE);
        // sub-1 has nothing; three in-stock substitutes at most, in the policy's order.
        assertThat(rejected.getSubstitutes()).extracting(s -> s.getSku() + ":" + s.getAvailable())
                .containsExactly("sub-2:3", "sub-3:1", "sub-4:7");
    }

    @Test
    void rejectsWhenTheProjectedDateIsBeyondTheSkusMaximumWait() {
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setMaxWaitDays(10).build())
                .offer("slow", "sku-a", 20);

        inventory.order("o-1", line("1", "sku-a", 1));

        assertThat(ofType(inventory.lineEvents(), LineRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RejectionReason.WAIT_TOO_LONG));
    }

    @Test
    void theFastestActiveSupplierDecidesTheProjectedDate() {
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setMaxWaitDays(10).build())
                .offer("slow", "sku-a", 20).offer("fast", "sku-a", 7);

        inventory.order("o-1", line("1", "sku-a", 1));

        assertThat(ofType(inventory.lineEvents(), LineBackordered.class)).singleElement()
                .satisfies(b -> assertThat(b.getPromisedDate()).isEqualTo(DAY0.plusDays(8)));
    }

    @Test
    void theCustomersOwnMaximumWaitIsAlsoRespected() {
        inventory.sku("sku-a");

        inventory.order("o-1", ShippingPolicy.PARTIAL, CustomerTier.STANDARD, 3, line("1", "sku-a", 1));

        assertThat(ofType(inventory.lineEvents(), LineRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RejectionReason.WAIT_TOO_LONG));
    }

    @Test
    void theSupplyScheduleDatesTheBackorderNotTheShortestOffer() {
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setMaxWaitDays(10).build())
                .offer("slow", "sku-a", 20)
                .supply("sku-a", 1, 0, DAY0.plusDays(4), "slow", 20, 1, 0);

        inventory.order("o-1", line("1", "sku-a", 1));

        assertThat(ofType(inventory.lineEvents(), LineBackordered.class)).singleElement()
                .satisfies(b -> assertThat(b.getPromisedDate()).isEqualTo(DAY0.plusDays(5)));
    }

    @Test
    void withNeitherSupplierNorPromiseTheRemainderIsNotBackorderable() {
        inventory.policy(InventoryDriver.policy("sku-a"));

        inventory.order("o-1", line("1", "sku-a", 1));

        assertThat(ofType(inventory.lineEvents(), LineRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RejectionReason.NOT_BACKORDERABLE))
                .satisfies(r -> assertThat(r.getDetail()).contains("no stock, inbound supply or supplier"));
    }

    @Test
    void anUnknownSkuIsRejected() {
        inventory.receive("sku-x", 5).drain();

        inventory.order("o-1", line("1", "sku-x", 1));

        assertThat(ofType(inventory.lineEvents(), LineRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RejectionReason.UNKNOWN_SKU))
                .satisfies(r -> assertThat(r.getQuantity()).isEqualTo(1));
    }

    // ---- rule 7

    @Test
    void reorderPointRaisesAShortfallWithNoBackorder() {
        inventory.receive("sku-a", 12);
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setReorderPoint(5).setTargetLevel(20)
                .build()).offer("acme", "sku-a", 5);
        assertThat(inventory.shortfalls()).isEmpty();

        inventory.order("o-1", line("1", "sku-a", 7));

        assertThat(inventory.shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.getCause()).isEqualTo(ShortfallCause.REORDER_POINT))
                .satisfies(s -> assertThat(s.getInventoryPosition()).isEqualTo(5))
                .satisfies(s -> assertThat(s.getQuantity()).isEqualTo(15));
        assertThat(ofType(inventory.lineEvents(), LineBackordered.class)).isEmpty();
        assertThat(lastLevel().getOnOrder()).isEqualTo(15);
    }

    @Test
    void aShortfallIsNotRaisedAgainUntilThePositionFallsAgain() {
        inventory.receive("sku-a", 12);
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setReorderPoint(5).setTargetLevel(20)
                .build()).offer("acme", "sku-a", 5);
        inventory.order("o-1", line("1", "sku-a", 7));
        assertThat(inventory.shortfalls()).hasSize(1); // position 5: 15 requested, position back to 20

        inventory.order("o-2", line("1", "sku-a", 1));
        assertThat(inventory.shortfalls()).isEmpty(); // position 19

        inventory.supply("sku-a", 15, 0, DAY0.plusDays(5), "acme", 5, 15, 1); // backorder-processor ordered it
        inventory.receive("sku-a", 15, "mv-po", "po-1"); // on hand 27, on order 0, allocated 8: position 19
        inventory.order("o-3", line("1", "sku-a", 15));
        assertThat(inventory.shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.getInventoryPosition()).isEqualTo(4))
                .satisfies(s -> assertThat(s.getQuantity()).isEqualTo(16));
    }

    @Test
    void onOrderIsTheScheduleLessWhatArrivedPlusShortfallsNotYetInIt() {
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setReorderPoint(5).setTargetLevel(20)
                .build()).offer("acme", "sku-a", 5);
        assertThat(lastLevel().getOnOrder()).isEqualTo(20); // the shortfall raised for an empty SKU, not yet netted
        assertThat(inventory.shortfalls()).singleElement().satisfies(s -> assertThat(s.getSequence()).isEqualTo(1L));

        inventory.supply("sku-a", 20, 0, DAY0.plusDays(5), "acme", 5, 20, 1);

        inventory.receive("sku-a", 3, "mv-free", null); // no purchase-order id: matched to the open line
        assertThat(lastLevel().getOnOrder()).isEqualTo(17);

        inventory.receive("sku-a", 8, "mv-po", "po-1");
        final StockLevel afterReceipts = lastLevel();
        assertThat(afterReceipts.getOnOrder()).isEqualTo(9);
        assertThat(afterReceipts.getOnHand()).isEqualTo(11);

        // The schedule catches up: nothing counted twice.
        inventory.supply("sku-a", 20, 11, DAY0.plusDays(5), "acme", 5, 9, 1);
        inventory.stockLevels();
        inventory.receive("sku-a", 1, "mv-more", "po-1");
        assertThat(lastLevel().getOnOrder()).isEqualTo(8);

        // The supplier side cancelled the rest as surplus: on-order falls to nothing, no drift.
        inventory.supply("sku-a", 0, 0, null, "acme", 5, 0, 1);
        assertThat(lastLevel().getOnOrder()).isZero();
        assertThat(inventory.shortfalls()).isEmpty();
    }

    @Test
    void aSkuWithNothingAtAllRaisesAShortfallAsSoonAsItsPolicyArrives() {
        inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-a")).setReorderPoint(5).setTargetLevel(20)
                .build());

        assertThat(inventory.shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.getCause()).isEqualTo(ShortfallCause.REORDER_POINT))
                .satisfies(s -> assertThat(s.getQuantity()).isEqualTo(20));
    }

    @Test
    void backordersRaiseAShortfallWithCauseBackorderAndTheirPromisedDate() {
        inventory.sku("sku-a");

        inventory.order("o-1", line("1", "sku-a", 3));

        final List<StockShortfall> raised = inventory.shortfalls();
        assertThat(raised).singleElement()
                .satisfies(s -> assertThat(s.getCause()).isEqualTo(ShortfallCause.BACKORDER))
                .satisfies(s -> assertThat(s.getQuantity()).isEqualTo(3))
                .satisfies(s -> assertThat(s.getNeedBy()).isEqualTo(DAY0.plusDays(6)));
    }

    // ---- rule 2

    @Test
    void partialOrdersShipWhateverBecomesAllocated() {
        inventory.sku("sku-a").sku("sku-b").receive("sku-a", 5).drain();

        inventory.order("o-1", line("1", "sku-a", 5), line("2", "sku-b", 2));
        assertThat(inventory.shipments()).singleElement()
                .satisfies(s -> assertThat(s.getShippingPolicy()).isEqualTo(ShippingPolicy.PARTIAL))
                .satisfies(s -> assertThat(s.getLines()).extracting(l -> l.getLineId() + ":" + l.getQuantity())
                        .containsExactly("1:5"));

        inventory.receive("sku-b", 1);
        assertThat(inventory.shipments()).singleElement()
                .satisfies(s -> assertThat(s.getLines()).extracting(l -> l.getLineId() + ":" + l.getQuantity())
                        .containsExactly("2:1"));
    }

    @Test
    void completeOrdersShipOnlyWhenEveryLineIsWhole() {
        inventory.sku("sku-a").sku("sku-b").receive("sku-a", 5).drain();

        inventory.order("o-1", ShippingPolicy.COMPLETE, CustomerTier.STANDARD, null,
                line("1", "sku-a", 5), line("2", "sku-b", 2));
        assertThat(ofType(inventory.lineEvents(), LineAllocated.class)).extracting(LineAllocated::getQuantity)
                .containsExactly(5);
        assertThat(inventory.shipments()).isEmpty();

        inventory.receive("sku-b", 1);
        assertThat(inventory.shipments()).isEmpty();

        inventory.receive("sku-b", 1);
        assertThat(inventory.shipments()).singleElement()
                .satisfies(s -> assertThat(s.getShippingPolicy()).isEqualTo(ShippingPolicy.COMPLETE))
                .satisfies(s -> assertThat(s.getLines()).extracting(l -> l.getLineId() + ":" + l.getQuantity())
                        .containsExactlyInAnyOrder("1:5", "2:2"));

        inventory.receive("sku-b", 5);
        assertThat(inventory.shipments()).isEmpty();
    }

    @Test
    void aCompleteOrderShipsWhatIsLeftWhenItsWaitingLineIsCancelled() {
        inventory.sku("sku-a").sku("sku-b").receive("sku-a", 5).drain();
        inventory.order("o-1", ShippingPolicy.COMPLETE, CustomerTier.STANDARD, null,
                line("1", "sku-a", 5), line("2", "sku-b", 2));
        assertThat(inventory.shipments()).isEmpty();

        inventory.cancel("o-1", "2");

        assertThat(inventory.shipments()).singleElement()
                .satisfies(s -> assertThat(s.getLines()).extracting(l -> l.getLineId() + ":" + l.getQuantity())
                        .containsExactly("1:5"));
    }
}
