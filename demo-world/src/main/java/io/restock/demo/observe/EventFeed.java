package io.restock.demo.observe;

import io.restock.localkafka.clients.BackgroundConsumer;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Restock's public topics, as an operator's tool would, into the {@link EventLedger}: a consumer of its own
 * (a fresh group per run, read_committed, from the beginning, records older than the run skipped) subscribed to
 * the topics below and to every dead-letter topic ({@code dlq.*}, new ones picked up within seconds). Avro values
 * are read with the project's own serdes from the topic catalogue.
 *
 * <ul>
 *   <li>{@code orders.order-events}, {@code inventory.line-events}, {@code inventory.shipment-requests},
 *       {@code promises.delivery-dates}, {@code notifications.customer-notifications}: key orderId, Avro.</li>
 *   <li>{@code inventory.stock-movements}: key sku; {@code procurement.purchase-orders},
 *       {@code procurement.supplier-events}: key purchaseOrderId; Avro.</li>
 *   <li>{@code dlq.*}: counted per topic, not decoded.</li>
 * </ul>
 */
public final class EventFeed implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Consumer<byte[]>> handlers;
    private final EventLedger ledger;
    private final Instant runStart;
    private final BackgroundConsumer<byte[], byte[]> reader;
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    public EventFeed(final String bootstrapServers, final String schemaRegistryUrl, final EventLedger ledger,
                     final Instant runStart) {
        this.ledger = ledger;
        this.runStart = runStart;
        final EventSerdes serdes = EventSerdes.registry(schemaRegistryUrl, false);
        handlers = Map.of(
                Topics.ORDER_EVENTS.name(), decode(Topics.ORDER_EVENTS, serdes, ledger::onOrderEvent),
                Topics.LINE_EVENTS.name(), decode(Topics.LINE_EVENTS, serdes, ledger::onLineEvent),
                Topics.SHIPMENT_REQUESTS.name(), decode(Topics.SHIPMENT_REQUESTS, serdes, v -> {
                    if (v instanceof io.restock.events.ShipmentRequested r) {
                        ledger.onShipmentRequested(r);
                    }
                }),
                Topics.DELIVERY_DATES.name(), decode(Topics.DELIVERY_DATES, serdes, ledger::onDeliveryDate),
                Topics.CUSTOMER_NOTIFICATIONS.name(), decode(Topics.CUSTOMER_NOTIFICATIONS, serdes, ledger::onNotification),
                Topics.STOCK_MOVEMENTS.name(), decode(Topics.STOCK_MOVEMENTS, serdes, v -> ledger.onStockMovement(v, runStart)),
                Topics.PURCHASE_ORDERS.name(), decode(Topics.PURCHASE_ORDERS, serdes, v -> ledger.onPurchaseOrder(v, runStart)),
                Topics.SUPPLIER_EVENTS.name(), decode(Topics.SUPPLIER_EVENTS, serdes, ledger::onSupplierEvent));
        final Properties props = BackgroundConsumer.groupSettings(bootstrapServers,
                "demo-world-observer-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new BackgroundConsumer<>("demo-event-feed", consumer, Duration.ofMillis(200), this::onRecords);
    }

    private static <V> Consumer<byte[]> decode(final Topic<String, V> topic, final EventSerdes serdes,
                                               final Consumer<V> handler) {
        final Deserializer<V> deserializer = topic.valueSerde(serdes).deserializer();
        return bytes -> handler.accept(deserializer.deserialize(topic.name(), bytes));
    }

    public EventFeed start() {
        final String names = handlers.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
        consumer.subscribe(Pattern.compile(names + "|dlq\\..+"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                // Nothing is committed (the group is this run's own): resume where this feed was, not from the start.
                partitions.forEach(p -> {
                    final Long next = nextOffsets.get(p);
                    if (next != null) {
                        consumer.seek(p, next);
                    }
                });
            }
        });
        reader.start();
        return this;
    }

    /** Why the feed stopped reading, if it did. */
    public Throwable failure() {
        return reader.failure();
    }

    private void onRecords(final ConsumerRecords<byte[], byte[]> records) {
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            final Long next = nextOffsets.get(partition);
            if (next != null && record.offset() < next) {
                continue;
            }
            nextOffsets.put(partition, record.offset() + 1);
            if (record.timestamp() < runStart.toEpochMilli() || record.value() == null) {
                continue;
            }
            if (record.topic().startsWith("dlq.")) {
                ledger.onDeadLetter(record.topic());
                continue;
            }
            final Consumer<byte[]> handler = handlers.getOrDefault(record.topic(), bytes -> { });
            try {
                handler.accept(record.value());
            } catch (RuntimeException e) {
                ledger.onDeadLetter("unreadable by the demo: " + record.topic());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }

}
