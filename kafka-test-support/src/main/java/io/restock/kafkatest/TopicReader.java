package io.restock.kafkatest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning with read_committed (no consumer group: it assigns every partition), keeping the
 * records whose key matches, until at least {@code atLeast} have come, then on to the end of the topic as it was
 * then, so a duplicate written after the expected records is read too.
 */
public final class TopicReader {

    /** How long a read waits unless told otherwise. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    public static <V> List<ConsumerRecord<String, V>> read(final String bootstrapServers, final String topic,
                                                           final Deserializer<V> values, final Predicate<String> keys,
                                                           final int atLeast) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, values, keys, atLeast,
                WAIT);
    }

    /** As {@link #read(String, String, Deserializer, Predicate, int)}, as the client {@code client} configures. */
    public static <V> List<ConsumerRecord<String, V>> read(final Map<String, Object> client, final String topic,
                                                           final Deserializer<V> values, final Predicate<String> keys,
                                                           final int atLeast) {
        return read(client, topic, values, keys, atLeast, WAIT);
    }

    /**
     * As {@link #read(Map, String, Deserializer, Predicate, int)}, waiting at most {@code wait} for each of its two
     * phases; fails with an {@link AssertionError} naming what it found when the wait runs out.
     */
    public static <V> List<ConsumerRecord<String, V>> read(final Map<String, Object> client, final String topic,
                                                           final Deserializer<V> values, final Predicate<String> keys,
                                                           final int atLeast, final Duration wait) {
        final List<ConsumerRecord<String, V>> found = new ArrayList<>();
        final Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            pollUntil(consumer, keys, found, wait, Duration.ofMillis(200), () -> found.size() >= atLeast,
                    "at least " + atLeast + " records on " + topic);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            pollUntil(consumer, keys, found, wait, Duration.ofMillis(100),
                    () -> partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p)), "the end of " + topic);
        }
        return found;
    }

    /** Polls (each poll waits up to {@code poll} for records) until {@code done}, for at most {@code wait}. */
    private static <V> void pollUntil(final KafkaConsumer<String, V> consumer, final Predicate<String> keys,
                                      final List<ConsumerRecord<String, V>> found, final Duration wait,
                                      final Duration poll, final BooleanSupplier done, final String what) {
        final long deadline = System.nanoTime() + wait.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + wait + " for " + what + "; found " + found.size()
                        + " matching records");
            }
            for (final ConsumerRecord<String, V> record : consumer.poll(poll)) {
                if (record.key() != null && keys.test(record.key())) {
                    found.add(record);
                }
            }
        }
    }
}
