package io.restock.inventory.topology;

import io.restock.allocation.rules.PriorityRule;
import io.restock.events.CustomerTier;
import io.restock.events.LineAllocated;
import io.restock.events.LineRejected;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockLevel;
import io.restock.inventory.config.InventorySettings;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input has a defined outcome, and the stream keeps running after it. */
class BadInputTest {

    @AutoClose
    private final InventoryDriver inventory = new InventoryDriver();

    private static String header(final TestRecord<String, byte[]> record, final String name) {
        return DeadLetters.header(record.headers(), name).orElseThrow();
    }

    private void assertStillAllocates() {
        inventory.sku("sku-ok").receive("sku-ok", 1).drain();
        inventory.order("o-after", line("1", "sku-ok", 1));
        assertThat(inventory.lineEvents()).hasAtLeastOneElementOfType(LineAllocated.class);
    }

    @Test
    void aZeroOrNegativeOrderQuantityIsRejectedAsInvalid() {
        inventory.sku("sku-a").receive("sku-a", 10).drain();

        inventory.order("o-1", line("1", "sku-a", 0), line("2", "sku-a", -3), line("3", "sku-a", 2));

        final List<Object> events = inventory.lineEvents();
        assertThat(events).filteredOn(LineRejected.class::isInstance).map(LineRejected.class::cast)
                .extracting(r -> r.getLineId() + ":" + r.getReason())
                .containsExactlyInAnyOrder("1:" + RejectionReason.INVALID_QUANTITY, "2:" + RejectionReason.INVALID_QUANTITY);
        assertThat(events).filteredOn(LineAllocated.class::isInstance).map(LineAllocated.class::cast)
                .extracting(LineAllocated::getLineId).containsExactly("3");
        assertThat(inventory.book("sku-a").getAllocated()).isEqualTo(2);
    }

    @Test
    void anUnknownSkuIsRejectedAndNothingIsKeptForIt() {
        inventory.order("o-1", line("1", "no-such-sku", 2));

        assertThat(inventory.lineEvents()).singleElement().isInstanceOfSatisfying(LineRejected.class,
                r -> assertThat(r.getReason()).isEqualTo(RejectionReason.UNKNOWN_SKU));
        assertThat(inventory.book("no-such-sku")).isNull();
        assertStillAllocates();
    }

    @Test
    void aCancellationForAnUnknownLineIsDeadLetteredAndChangesNothing() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 4)).drain();

        inventory.cancel("o-1", "1", "no-such-line");
        inventory.cancel("no-such-order");

        assertThat(inventory.lineEvents()).isEmpty();
        assertThat(inventory.book("sku-a").getAllocated()).isEqualTo(4);
        final List<TestRecord<String, byte[]>> dead = inventory.deadLetters(Topics.ORDER_EVENTS.name());
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), DeadLetters.STAGE)).isEqualTo("processing");
        assertThat(header(dead.get(0), DeadLetters.ERROR_MESSAGE)).startsWith("UNKNOWN_LINE");
        assertThat(header(dead.get(1), DeadLetters.ERROR_MESSAGE)).startsWith("UNKNOWN_ORDER");
        assertStillAllocates();
    }

    @Test
    void aDuplicateOrderEventIsAppliedOnce() {
        inventory.sku("sku-a").receive("sku-a", 10).drain();
        final OrderPlaced placed = inventory.placed("ev-dup", "o-1", ShippingPolicy.PARTIAL, CustomerTier.STANDARD,
                null, line("1", "sku-a", 3));

        inventory.order(placed).order(placed);

        assertThat(inventory.lineEvents()).singleElement().isInstanceOf(LineAllocated.class);
        assertThat(inventory.book("sku-a").getAllocated()).isEqualTo(3);
    }

    @Test
    void aLineIdTheOrderAlreadyHasIsRejectedAsDuplicate() {
        inventory.sku("sku-a").receive("sku-a", 10).drain();

        inventory.order("o-1", line("1", "sku-a", 3), line("1", "sku-a", 4));

        assertThat(inventory.lineEvents()).extracting(Object::getClass).containsExactlyInAnyOrder(LineAllocated.class,
                LineRejected.class);
        assertThat(inventory.book("sku-a").getAllocated()).isEqualTo(3);
        assertThat(inventory.shipments()).singleElement()
                .satisfies(s -> assertThat(s.getLines().getFirst().getQuantity()).isEqualTo(3));
    }

    @Test
    void aDuplicateMovementIdIsAppliedOnce() {
        inventory.sku("sku-a");

        inventory.receive("sku-a", 10, "mv-1", null).receive("sku-a", 10, "mv-1", null);

        assertThat(inventory.stockLevels()).extracting(StockLevel::getOnHand).containsExactly(10);
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(10);
    }

    @Test
    void aMovementIdReusedWithAnotherQuantityIsDeadLetteredNotDropped() {
        inventory.sku("sku-a");

        inventory.receive("sku-a", 10, "mv-1", null).receive("sku-a", 7, "mv-1", null);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetters.ERROR_MESSAGE)).startsWith("MOVEMENT_ID_REUSED"));
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(10);
        // the same content again is still a retry, dropped without a dead letter
        inventory.receive("sku-a", 10, "mv-1", null);
        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).isEmpty();
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(10);
    }

    @Test
    void aMovementIdIsRememberedForTheWindowOnly() {
        try (InventoryDriver small = new InventoryDriver(new InventorySettings(PriorityRule.FIFO, 30, ZoneOffset.UTC, 2,
                50))) {
            small.sku("sku-a");
            small.receive("sku-a", 1, "mv-1", null).receive("sku-a", 1, "mv-2", null);
            small.receive("sku-a", 1, "mv-2", null).receive("sku-a", 1, "mv-1", null); // both still remembered
            assertThat(small.book("sku-a").getOnHand()).isEqualTo(2);

            small.receive("sku-a", 1, "mv-3", null); // pushes mv-1 out of a window of 2
            small.receive("sku-a", 1, "mv-1", null).receive("sku-a", 1, "mv-3", null);

            assertThat(small.book("sku-a").getOnHand()).isEqualTo(4);
        }
    }

    @Test
    void aZeroOrNegativeReceiptIsDeadLettered() {
        inventory.sku("sku-a");

        inventory.receive("sku-a", 0).receive("sku-a", -5);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name()))
                .extracting(r -> header(r, DeadLetters.ERROR_MESSAGE))
                .allSatisfy(m -> assertThat(m).startsWith("INVALID_QUANTITY")).hasSize(2);
        assertThat(inventory.book("sku-a").getOnHand()).isZero();
        assertStillAllocates();
    }

    @Test
    void anAdjustmentRemovingAllocatedStockIsDeadLettered() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 8)).drain();

        inventory.adjust("sku-a", -3);
        inventory.adjust("sku-a", -2);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetters.ERROR_MESSAGE)).startsWith("ADJUSTMENT_EXCEEDS_AVAILABLE"));
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(8);
    }

    @Test
    void aShipmentBeyondTheLinesOpenQuantityOrOfAnUnknownLineIsDeadLettered() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 2)).drain();

        inventory.ship("sku-a", "o-1", "1", 3);
        inventory.ship("sku-a", "o-9", "1", 1);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name()))
                .extracting(r -> header(r, DeadLetters.ERROR_MESSAGE).split(":")[0])
                .containsExactly("SHIPMENT_EXCEEDS_LINE", "UNKNOWN_LINE");
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(10);
    }

    @Test
    void malformedBytesAreSkippedAndTheStreamKeepsRunning() {
        // TopologyTestDriver does not write the dead letters a deserialization handler returns;
        // InventoryStreamIT checks that the bytes land on dlq.orders.order-events on a real broker.
        final byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

        inventory.rawOrders.pipeInput("o-bad", garbage);

        assertThat(inventory.lineEvents()).isEmpty();
        assertStillAllocates();
    }
}
