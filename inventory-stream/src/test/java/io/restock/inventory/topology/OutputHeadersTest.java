package io.restock.inventory.topology;

import io.restock.events.CustomerTier;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restock.inventory.topology.InventoryDriver.T0;
import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 14: inventory-stream's outputs carry none of its inputs' headers (order-intake's
 * idempotency key and request hash on {@code OrderPlaced}, or anything a warehouse put on a movement).
 */
class OutputHeadersTest {

    private final InventoryDriver inventory = new InventoryDriver();
    private final EventSerdes serdes = EventSerdes.plain();

    @AfterEach
    void close() {
        inventory.close();
    }

    private static Headers internal() {
        final Headers headers = new RecordHeaders();
        headers.add("restock.idempotency-key", "k-1".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.request-hash", "ab12".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.shop-id", "shop-1".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return inventory.driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(),
                topic.valueSerde(serdes).serializer());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return inventory.driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(),
                topic.valueSerde(serdes).deserializer());
    }

    @Test
    void outputsCarryNoHeadersOfTheirInputs() {
        final Map<String, TestOutputTopic<String, ?>> outputs = new TreeMap<>(Map.of(
                Topics.LINE_EVENTS.name(), output(Topics.LINE_EVENTS),
                Topics.STOCK_LEVELS.name(), output(Topics.STOCK_LEVELS),
                Topics.STOCK_SHORTFALLS.name(), output(Topics.STOCK_SHORTFALLS),
                Topics.SHIPMENT_REQUESTS.name(), output(Topics.SHIPMENT_REQUESTS)));
        inventory.sku("sku-a");
        input(Topics.STOCK_MOVEMENTS).pipeInput(new TestRecord<>("sku-a", new StockMovement(new StockReceived("ev-1",
                T0, "mv-1", "wh-1", "sku-a", 4, null, null)), internal(), T0));
        final TestInputTopic<String, OrderEvent> orders = input(Topics.ORDER_EVENTS);
        orders.pipeInput(new TestRecord<>("o-1", new OrderEvent(inventory.placed("ev-2", "o-1", ShippingPolicy.PARTIAL,
                CustomerTier.STANDARD, null, line("1", "sku-a", 6), line("1", "sku-a", 1))), internal(), T0));
        orders.pipeInput(new TestRecord<>("o-1", new OrderEvent(new OrderCancellationRequested("ev-3", T0, "o-1",
                "shop-1", List.of("1"), "changed my mind")), internal(), T0));

        outputs.forEach((topic, out) -> {
            final List<? extends TestRecord<String, ?>> records = out.readRecordsToList();
            assertThat(records).as("records on " + topic).isNotEmpty();
            assertThat(records.stream().flatMap(r -> Arrays.stream(r.headers().toArray())).map(Header::key).toList())
                    .as("headers on " + topic).isEmpty();
        });
    }
}
