package io.restock.orderintake.idempotency;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.orderintake.idempotency.IdempotencyGuard.BodyHash;
import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code orders.order-events} (key orderId, {@code OrderEvent}; read_committed, every
 * partition, no consumer group, nothing committed) into the {@link IdempotencyGuard}: on start from
 * the guard's retention ago, marking the guard ready once it has read up to where the topic ended
 * at start, and from then on, so orders written by other instances or by the Kafka entrance are
 * known too. This instance's own acceptances are entered already and skipped by partition and offset; other
 * HTTP records are read from their headers ({@link IntakeHeaders}); others are decoded to tell an
 * {@code OrderPlaced} from a cancellation.
 */
@Singleton
public final class OrderLogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLogFollower.class);

    private final IdempotencyGuard guard;
    private final Deserializer<OrderEvent> events;
    private final Properties properties = new Properties();
    private final Thread thread;
    private volatile KafkaConsumer<String, ByteBuffer> consumer;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public OrderLogFollower(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                            final IdempotencyGuard guard, final EventSerdes serdes, final ClientLogin login) {
        this.guard = guard;
        this.events = Topics.ORDER_EVENTS.valueSerde(serdes).deserializer();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(login.properties());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-intake-idempotency");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // This instance enters its own acceptances directly; the log brings other writers' orders, for
        // which a few ms more do not matter. Fetching per 64 KiB (or 100 ms) instead of per record
        // keeps this reader's cost, and the broker's, small at high rates.
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        this.thread = Thread.ofPlatform().name("order-intake-idempotency-log").daemon().unstarted(this::run);
    }

    @EventListener
    void start(final StartupEvent event) {
        thread.start();
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        final KafkaConsumer<String, ByteBuffer> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(Duration.ofSeconds(10));
    }

    private void run() {
        try (KafkaConsumer<String, ByteBuffer> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteBufferDeserializer())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            final Map<TopicPartition, Long> catchUpTo = seekToRetentionStart(kafka);
            while (running) {
                for (final ConsumerRecord<String, ByteBuffer> record : kafka.poll(Duration.ofMillis(500))) {
                    read(record);
                }
                if (!guard.ready() && caughtUp(kafka, catchUpTo)) {
                    guard.markReady();
                    LOG.info("idempotency keys of the last {} read from {}: accepting orders",
                            Duration.ofMillis(guard.retentionMillis()), Topics.ORDER_EVENTS.name());
                }
            }
        } catch (final WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (final RuntimeException e) {
            failure = e;
            LOG.error("reading {} for idempotency keys failed; /health is DOWN until order-intake is restarted",
                    Topics.ORDER_EVENTS.name(), e);
        }
    }

    /** Why the reader stopped, if it failed; it does not restart itself, so {@code /health} reports it DOWN. */
    public java.util.Optional<RuntimeException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    private Map<TopicPartition, Long> seekToRetentionStart(final KafkaConsumer<String, ByteBuffer> kafka) {
        List<PartitionInfo> partitions = null;
        while (running && (partitions == null || partitions.isEmpty())) {
            try {
                partitions = kafka.partitionsFor(Topics.ORDER_EVENTS.name(), Duration.ofSeconds(10));
            } catch (final org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("no metadata for {} yet; POST /orders answers 503 until it is read", Topics.ORDER_EVENTS.name());
            }
        }
        if (partitions == null) {
            return Map.of();
        }
        final List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(assigned);
        final long from = System.currentTimeMillis() - guard.retentionMillis();
        final Map<TopicPartition, Long> times = new HashMap<>();
        assigned.forEach(p -> times.put(p, Math.max(0, from)));
        final Map<TopicPartition, OffsetAndTimestamp> starts = kafka.offsetsForTimes(times);
        final Map<TopicPartition, Long> ends = kafka.endOffsets(assigned);
        for (final TopicPartition partition : assigned) {
            final OffsetAndTimestamp start = starts.get(partition);
            kafka.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        return ends;
    }

    private static boolean caughtUp(final KafkaConsumer<String, ByteBuffer> kafka, final Map<TopicPartition, Long> ends) {
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void read(final ConsumerRecord<String, ByteBuffer> record) {
        if (record.key() == null || record.value() == null
                || guard.enteredAt(record.key(), record.partition(), record.offset())) {
            return;
        }
        final String key = IntakeHeaders.text(record.headers(), IntakeHeaders.IDEMPOTENCY_KEY);
        final String shopId = IntakeHeaders.text(record.headers(), IntakeHeaders.SHOP_ID);
        final String eventId = IntakeHeaders.text(record.headers(), IntakeHeaders.EVENT_ID);
        if (key != null && shopId != null && eventId != null) {
            guard.remember(record.key(), shopId, key,
                    BodyHash.ofHex(IntakeHeaders.text(record.headers(), IntakeHeaders.REQUEST_HASH)), eventId,
                    IntakeHeaders.millis(record.headers(), IntakeHeaders.ACCEPTED_AT, record.timestamp()),
                    record.partition(), record.offset());
            return;
        }
        final OrderEvent event;
        try {
            event = events.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException e) {
            LOG.debug("skipping an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
            return;
        }
        if (event != null && event.getEvent() instanceof OrderPlaced placed) {
            guard.remember(record.key(), placed.getShopId(), key,
                    BodyHash.ofHex(IntakeHeaders.text(record.headers(), IntakeHeaders.REQUEST_HASH)),
                    placed.getEventId(), placed.getOccurredAt().toEpochMilli(), record.partition(), record.offset());
        }
    }
}
