package io.restock.chaos.history;

import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads whole topics of the catalogue from the beginning to their last committed record, as read_committed
 * consumers see them (aborted transactions' records skipped), with no consumer group: partition by partition,
 * in offset order, so the order per key is the topic's.
 */
public final class TopicSnapshot {

    private final String bootstrapServers;
    private final EventSerdes serdes;

    public TopicSnapshot(final String bootstrapServers, final String schemaRegistryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = EventSerdes.registry(schemaRegistryUrl, false);
    }

    /** Every committed value of {@code topic} (tombstones left out), partition by partition. */
    public <V> List<V> read(final Topic<String, V> topic, final Duration timeout) {
        final Deserializer<V> values = topic.valueSerde(serdes).deserializer();
        final List<V> out = new ArrayList<>();
        readAll(topic.name(), false, timeout, record -> out.add(values.deserialize(record.topic(), record.value())));
        return out;
    }

    /** A record of a dead-letter topic: its original value decoded with the source topic's serde, and the reason. */
    public record DeadLetter<V>(V value, String reason) {
    }

    /**
     * Every record of {@code dlq.<source>} (original bytes, reason in {@code dlq.error.reason}), decoded as the
     * source topic's values; none if the dead-letter topic does not exist.
     */
    public <V> List<DeadLetter<V>> readDeadLetters(final Topic<String, V> source, final Duration timeout) {
        final Deserializer<V> values = source.valueSerde(serdes).deserializer();
        final List<DeadLetter<V>> out = new ArrayList<>();
        readAll(io.restock.schemas.deadletter.DeadLetters.topicFor(source.name()), true, timeout,
                record -> out.add(new DeadLetter<>(values.deserialize(source.name(), record.value()), reason(record))));
        return out;
    }

    /**
     * Hands every committed record with a value of {@code topic} to {@code sink}, partition by partition in offset
     * order; a topic that does not exist has none when {@code mayBeAbsent}.
     */
    private void readAll(final String topic, final boolean mayBeAbsent, final Duration timeout,
                         final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<org.apache.kafka.common.PartitionInfo> infos = mayBeAbsent
                    ? consumer.listTopics(timeout).getOrDefault(topic, List.of())
                    : consumer.partitionsFor(topic, timeout);
            for (final TopicPartition partition : infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList()) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), timeout);
                final long last = end.get(partition);
                final Instant deadline = Instant.now().plus(timeout);
                while (consumer.position(partition, timeout) < last) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("could not read " + partition + " to offset " + last
                                + " within " + timeout);
                    }
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.value() != null) {
                            sink.accept(record);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code dlq.error.reason}; when that is only an exception's class name, the rule's code the message starts
     * with ({@code SHIPMENT_EXCEEDS_LINE: line ...}).
     */
    private static String reason(final ConsumerRecord<byte[], byte[]> record) {
        final String reason = io.restock.schemas.deadletter.DeadLetters.header(record.headers(),
                io.restock.schemas.deadletter.DeadLetters.ERROR_REASON).orElse("?");
        final String message = io.restock.schemas.deadletter.DeadLetters.header(record.headers(),
                io.restock.schemas.deadletter.DeadLetters.ERROR_MESSAGE).orElse("");
        final int colon = message.indexOf(':');
        return colon > 0 && message.substring(0, colon).matches("[A-Z_]+") ? message.substring(0, colon) : reason;
    }

    /** The catalogue's topics the invariants read. */
    public static List<Topic<String, ?>> topicsRead() {
        return List.of(Topics.ORDER_EVENTS, Topics.LINE_EVENTS, Topics.STOCK_MOVEMENTS, Topics.STOCK_LEVELS,
                Topics.STOCK_SHORTFALLS, Topics.PURCHASE_ORDERS, Topics.CUSTOMER_NOTIFICATIONS, Topics.SHIPMENT_REQUESTS,
                Topics.SUPPLIER_EVENTS);
    }
}
