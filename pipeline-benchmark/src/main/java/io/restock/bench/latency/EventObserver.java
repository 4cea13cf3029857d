package io.restock.bench.latency;

import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.localkafka.clients.BackgroundConsumer;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Restock's public topics from their ends at {@link #start()} ({@code read_committed}, partitions assigned,
 * no group offsets) into {@link Observations}, stamping each record with the wall-clock time it was polled:
 * {@code orders.order-events} (key orderId, {@code OrderPlaced}: the record timestamp is when order-intake accepted
 * it), {@code inventory.line-events} (key orderId, first {@code LineAllocated}/{@code LineBackordered}/
 * {@code LineRejected} per line), {@code procurement.purchase-orders} (key purchaseOrderId,
 * {@code PurchaseOrderIssued}) and {@code notifications.customer-notifications} (key orderId, sent or suppressed).
 */
public final class EventObserver implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers;
    private final Observations observations = new Observations();
    private final BackgroundConsumer<byte[], byte[]> reader;
    private volatile long polledAt;

    public EventObserver(final String bootstrapServers, final String schemaRegistryUrl) {
        final EventSerdes serdes = EventSerdes.registry(schemaRegistryUrl, false);
        final Deserializer<OrderEvent> orders = value(Topics.ORDER_EVENTS, serdes);
        final Deserializer<LineEvent> lines = value(Topics.LINE_EVENTS, serdes);
        final Deserializer<PurchaseOrderEvent> purchaseOrders = value(Topics.PURCHASE_ORDERS, serdes);
        final Deserializer<NotificationEvent> notifications = value(Topics.CUSTOMER_NOTIFICATIONS, serdes);
        handlers = Map.of(
                Topics.ORDER_EVENTS.name(), r -> onOrder(orders.deserialize(r.topic(), r.value()), r),
                Topics.LINE_EVENTS.name(), r -> onLine(lines.deserialize(r.topic(), r.value())),
                Topics.PURCHASE_ORDERS.name(), r -> onPurchaseOrder(purchaseOrders.deserialize(r.topic(), r.value())),
                Topics.CUSTOMER_NOTIFICATIONS.name(),
                r -> onNotification(notifications.deserialize(r.topic(), r.value())));
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new BackgroundConsumer<>("bench-event-observer", consumer, Duration.ofMillis(100), this::onRecords);
    }

    private static <V> Deserializer<V> value(final Topic<String, V> topic, final EventSerdes serdes) {
        return topic.valueSerde(serdes).deserializer();
    }

    /** Assigns every partition of the four topics at its current end, then reads on a thread of its own. */
    public EventObserver start() {
        final List<TopicPartition> partitions = handlers.keySet().stream()
                .flatMap(topic -> consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader.start();
        return this;
    }

    /** What was seen so far; read it once {@link #close()} returned. */
    public Observations observations() {
        return observations;
    }

    /** Why reading stopped early, if it did. */
    public Throwable failure() {
        return reader.failure();
    }

    private void onRecords(final ConsumerRecords<byte[], byte[]> records) {
        polledAt = System.currentTimeMillis();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() != null) {
                handlers.get(record.topic()).accept(record);
            }
        }
    }

    private void onOrder(final OrderEvent event, final ConsumerRecord<byte[], byte[]> record) {
        if (event.getEvent() instanceof OrderPlaced placed) {
            observations.order(new Observations.Order(placed.getOrderId(), record.timestamp(),
                    placed.getLines().stream().map(l -> new Observations.Line(l.getLineId(), l.getSku())).toList(),
                    record.serializedValueSize()));
        }
    }

    private void onLine(final LineEvent event) {
        switch (event.getEvent()) {
            case LineAllocated e -> observations.decision(e.getOrderId(), e.getLineId(),
                    Observations.Decision.ALLOCATED, polledAt);
            case LineBackordered e -> observations.decision(e.getOrderId(), e.getLineId(),
                    Observations.Decision.BACKORDERED, polledAt);
            case LineRejected e -> observations.decision(e.getOrderId(), e.getLineId(),
                    Observations.Decision.REJECTED, polledAt);
            default -> { }
        }
    }

    private void onPurchaseOrder(final PurchaseOrderEvent event) {
        if (event.getEvent() instanceof PurchaseOrderIssued issued) {
            observations.purchaseOrder(new Observations.PurchaseOrder(polledAt, issued.getLines().stream()
                    .map(PurchaseOrderLine::getSku).collect(Collectors.toSet())));
        }
    }

    private void onNotification(final NotificationEvent event) {
        switch (event.getEvent()) {
            case CustomerNotificationSent e -> observations.notification(e.getOrderId(),
                    new Observations.Notification(polledAt, e.getLineIds()));
            case CustomerNotificationSuppressed e -> observations.notification(e.getOrderId(),
                    new Observations.Notification(polledAt, e.getLineIds()));
            default -> { }
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
