package io.restock.backorder.topology;

import io.restock.events.AcknowledgedLine;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuSupply;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 14: backorder-processor's outputs carry none of its inputs' headers (internal request
 * headers such as order-intake's idempotency key and request hash, or supplier-gateway's request digest).
 */
class OutputHeadersTest {

    private final BackorderDriver d = new BackorderDriver();
    private final EventSerdes serdes = EventSerdes.plain();

    @AfterEach
    void close() {
        d.close();
    }

    private static Headers internal() {
        final Headers headers = new RecordHeaders();
        headers.add("restock.idempotency-key", "k-1".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.request-hash", "ab12".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.request-digest", "cd34".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return d.driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(),
                topic.valueSerde(serdes).serializer());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return d.driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(),
                topic.valueSerde(serdes).deserializer());
    }

    private static List<String> headerNames(final List<? extends TestRecord<String, ?>> records) {
        final List<String> names = new ArrayList<>();
        records.forEach(r -> Arrays.stream(r.headers().toArray()).map(Header::key).forEach(names::add));
        return names;
    }

    @Test
    void outputsCarryNoHeadersOfTheirInputs() {
        final TestOutputTopic<String, PurchaseOrderEvent> purchaseOrders = output(Topics.PURCHASE_ORDERS);
        final TestOutputTopic<String, SkuSupply> schedules = output(Topics.SKU_SUPPLY);
        d.at(T0).policy("SKU-1", 1, 0, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);

        input(Topics.STOCK_SHORTFALLS).pipeInput(new TestRecord<>("SKU-1", new StockShortfall("sf-1", T0, "SKU-1", 20,
                ShortfallCause.BACKORDER, -20, 5, 20, null, 1L, null), internal(), T0));
        d.closeBatches();
        final List<TestRecord<String, PurchaseOrderEvent>> issued = purchaseOrders.readRecordsToList();
        final PurchaseOrderIssued po = (PurchaseOrderIssued) issued.getFirst().value().getEvent();
        input(Topics.SUPPLIER_EVENTS).pipeInput(new TestRecord<>(po.getPurchaseOrderId(),
                new SupplierEvent(new PurchaseOrderAcknowledged("ack-1", T0.plus(Duration.ofHours(1)),
                        po.getPurchaseOrderId(), "S1", "m-1", List.of(new AcknowledgedLine(
                        po.getLines().getFirst().getLineId(), 20, DAY0.plusDays(14))))),
                internal(), T0.plus(Duration.ofHours(1))));

        final List<TestRecord<String, SkuSupply>> published = schedules.readRecordsToList();
        assertThat(published).isNotEmpty();
        assertThat(headerNames(published)).isEmpty();
        assertThat(headerNames(issued)).isEmpty();
        assertThat(headerNames(purchaseOrders.readRecordsToList())).isEmpty();
    }
}
