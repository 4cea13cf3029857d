package io.restock.benchmark;

import io.restock.localkafka.measure.Percentiles;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads an output topic with {@code read_committed} (so a decision counts once its transaction
 * committed) from its end at construction, and marks order lines decided in the {@link Batch}es,
 * with the time each was first seen. The latency of a line is that time minus the output record's
 * timestamp, which Kafka Streams carries over from the order event (its producer's send time).
 */
final class LineWatcher implements AutoCloseable {

    /** Turns an output record into decided lines: {@code batches.decide(orderId, lineNo, ...)} per line. */
    @FunctionalInterface
    interface Extractor {
        void accept(ConsumerRecord<String, byte[]> record, long seenAt, List<Batch> batches);
    }

    /** The lines of one set of orders, whose ids are {@code prefix + index}. */
    static final class Batch {
        final String prefix;
        final int[] orderStart;
        final int total;
        private final BitSet decided;
        private final long[] latencies;
        private int count;
        private long firstAt = -1;
        private long lastAt = -1;

        Batch(final String prefix, final Workload workload) {
            this.prefix = prefix;
            this.orderStart = workload.orderStart;
            this.total = workload.lines;
            this.decided = new BitSet(total);
            this.latencies = new long[total];
        }

        /** Marks line {@code lineNo} (1-based) of order {@code orderId}; false if the order is not ours. */
        synchronized boolean decide(final String orderId, final int lineNo, final long timestamp, final long seenAt) {
            if (orderId == null || !orderId.startsWith(prefix)) {
                return false;
            }
            final int order = Integer.parseInt(orderId, prefix.length(), orderId.length(), 10);
            final int line = orderStart[order] + lineNo - 1;
            if (!decided.get(line)) {
                decided.set(line);
                latencies[count++] = seenAt - timestamp;
                if (firstAt < 0) {
                    firstAt = seenAt;
                }
                lastAt = seenAt;
                if (count == total) {
                    notifyAll();
                }
            }
            return true;
        }

        int linesOf(final String orderId) {
            final int order = Integer.parseInt(orderId, prefix.length(), orderId.length(), 10);
            return orderStart[order + 1] - orderStart[order];
        }

        synchronized boolean awaitAll(final Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (count < total) {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 1000));
            }
            return true;
        }

        synchronized int count() {
            return count;
        }

        synchronized long lastAt() {
            return lastAt;
        }

        synchronized Percentiles latencies() {
            return new Percentiles(latencies, count);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    LineWatcher(final String bootstrap, final String topic, final Extractor extractor, final List<Batch> batches) {
        this(bootstrap, topic, extractor, batches, false);
    }

    /** With {@code fromStart}, reads the topic from its beginning instead of its end. */
    LineWatcher(final String bootstrap, final String topic, final Extractor extractor, final List<Batch> batches,
                final boolean fromStart) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromStart) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> {
            while (running) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    extractor.accept(record, System.currentTimeMillis(), batches);
                }
            }
            consumer.close(Duration.ofSeconds(2));
        }, "line-watcher-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
