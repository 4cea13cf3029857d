package io.restock.orderintake.it;

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
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads a topic from the beginning with read_committed, keeping the records whose key matches. */
final class TopicReader {

    private TopicReader() {
    }

    static <V> List<ConsumerRecord<String, V>> read(final String bootstrapServers, final String topic,
                                                    final Deserializer<V> values, final Predicate<String> keys,
                                                    final int atLeast) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, values, keys, atLeast);
    }

    /** As {@link #read(String, String, Deserializer, Predicate, int)}, as the client {@code client} configures. */
    static <V> List<ConsumerRecord<String, V>> read(final Map<String, Object> client, final String topic,
                                                    final Deserializer<V> values, final Predicate<String> keys,
                                                    final int atLeast) {
        final List<ConsumerRecord<String, V>> found = new ArrayList<>();
        final Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && keys.test(record.key())) {
                        found.add(record);
                    }
                }
                return found.size() >= atLeast;
            });
            // Read to the end, so a duplicate written after the expected records would be seen too.
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && keys.test(record.key())) {
                        found.add(record);
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }
}
