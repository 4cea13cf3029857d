package io.restock.inventory.topology;

import io.restock.events.CustomerTier;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restock.inventory.topology.InventoryDriver.T0;
import static io.restock.inventory.topology.InventoryDriver.line;
import static io.restock.streamstest.EdgeHeaders.internal;
import static io.restock.streamstest.EdgeHeaders.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 14: inventory-stream's outputs carry none of its inputs' headers (order-intake's
 * idempotency key and request hash on {@code OrderPlaced}, or anything a warehouse put on a movement).
 */
class OutputHeadersTest {

    @AutoClose
    private final InventoryDriver inventory = new InventoryDriver();

    @Test
    void outputsCarryNoHeadersOfTheirInputs() {
        final Map<String, TestOutputTopic<String, ?>> outputs = new TreeMap<>(Map.of(
                Topics.LINE_EVENTS.name(), inventory.harness.output(Topics.LINE_EVENTS),
                Topics.STOCK_LEVELS.name(), inventory.harness.output(Topics.STOCK_LEVELS),
                Topics.STOCK_SHORTFALLS.name(), inventory.harness.output(Topics.STOCK_SHORTFALLS),
                Topics.SHIPMENT_REQUESTS.name(), inventory.harness.output(Topics.SHIPMENT_REQUESTS)));
        inventory.sku("sku-a");
        inventory.harness.input(Topics.STOCK_MOVEMENTS).pipeInput(new TestRecord<>("sku-a", new StockMovement(
                new StockReceived("ev-1", T0, "mv-1", "wh-1", "sku-a", 4, null, null)), internal(), T0));
        final TestInputTopic<String, OrderEvent> orders = inventory.harness.input(Topics.ORDER_EVENTS);
        orders.pipeInput(new TestRecord<>("o-1", new OrderEvent(inventory.placed("ev-2", "o-1", ShippingPolicy.PARTIAL,
                CustomerTier.STANDARD, null, line("1", "sku-a", 6), line("1", "sku-a", 1))), internal(), T0));
        orders.pipeInput(new TestRecord<>("o-1", new OrderEvent(new OrderCancellationRequested("ev-3", T0, "o-1",
                "shop-1", List.of("1"), "changed my mind")), internal(), T0));

        outputs.forEach((topic, out) -> {
            final List<? extends TestRecord<String, ?>> records = out.readRecordsToList();
            assertThat(records).as("records on " + topic).isNotEmpty();
            assertThat(names(records)).as("headers on " + topic).isEmpty();
        });
    }
}
