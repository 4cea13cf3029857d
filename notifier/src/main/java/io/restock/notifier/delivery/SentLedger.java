package io.restock.notifier.delivery;

import io.restock.notifier.internal.SentNotification;
import io.restock.notifier.topology.NotifierTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notification ids already delivered, read from the compacted {@code notifier.sent-notifications}
 * (key notificationId, private Avro {@code SentNotification}, written in the sender's transactions, read
 * {@code read_committed}). {@link #catchUp} reads to the end; the sender calls it whenever it is given
 * partitions, so an id recorded by another instance before a rebalance is known after it.
 * Held in memory: one entry per notification ever sent (see README, what is missing).
 */
public final class SentLedger implements AutoCloseable {

    private final KafkaConsumer<String, SentNotification> consumer;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Duration timeout;

    public SentLedger(final Map<String, Object> clientProperties, final Duration timeout) {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), NotifierTopics.ledgerSerde());
        this.timeout = timeout;
        final List<TopicPartition> partitions = consumer.partitionsFor(NotifierTopics.SENT_NOTIFICATIONS, timeout)
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads every committed ledger record up to the current end. */
    public synchronized void catchUp() {
        final Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        final Instant deadline = Instant.now().plus(timeout);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + NotifierTopics.SENT_NOTIFICATIONS + " within " + timeout);
            }
            for (final ConsumerRecord<String, SentNotification> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.value() == null) {
                    sent.remove(r.key());
                } else {
                    sent.add(r.key());
                }
            }
        }
    }

    public boolean contains(final String notificationId) {
        return sent.contains(notificationId);
    }

    /** Remembers an id this instance just recorded (its own transaction committed). */
    public void remember(final String notificationId) {
        sent.add(notificationId);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
