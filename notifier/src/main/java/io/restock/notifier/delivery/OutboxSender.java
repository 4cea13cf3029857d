package io.restock.notifier.delivery;

import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.NotificationChannel;
import io.restock.events.NotificationEvent;
import io.restock.events.NotificationKind;
import io.restock.notifier.decision.NotificationIds;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.internal.SentNotification;
import io.restock.notifier.message.Message;
import io.restock.notifier.message.MessageRenderer;
import io.restock.notifier.topology.NotifierStreamsConfig;
import io.restock.notifier.topology.NotifierTopics;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.webhook.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the decided notifications: a plain consumer on {@code notifier.outbox} (or, for a second
 * instance, on {@code notifier.outbox-retry}), key orderId, private Avro {@code NotificationRequested},
 * read {@code read_committed} with auto-commit off, at most {@code batchSize} records per poll. Per record
 * of a poll, in order:
 * <ol>
 *   <li>an id already in the {@link SentLedger}, or delivered earlier in the same batch, is skipped;</li>
 *   <li>the message is rendered and delivered over the request's channel (email or webhook);</li>
 *   <li>delivered: the ledger record ({@code notifier.sent-notifications}) and the audit
 *       {@code CustomerNotificationSent} ({@code notifications.customer-notifications}) join the batch;</li>
 *   <li>failed transiently and tries left: the record, with headers {@value #ATTEMPT_HEADER} and
 *       {@value #NOT_BEFORE_HEADER}, joins the batch for {@code notifier.outbox-retry}, and the next records
 *       (other customers) go on at once; the retry consumer pauses a partition until its head record is due,
 *       never sleeping, and the records behind it wait with it;</li>
 *   <li>failed permanently or out of tries: the original bytes for {@code dlq.notifier.outbox} with the
 *       reason ({@link DeadLetters}) and the audit {@code CustomerNotificationSuppressed}
 *       ({@code DELIVERY_FAILED}) join the batch.</li>
 * </ol>
 * Then ONE Kafka transaction writes everything the batch collected and the consumer offsets of every
 * record handled, before the next poll (so a rebalance never finds an uncommitted batch). A transaction per
 * email cost ~70 ms here (notifier/README.md, "Benchmark").
 *
 * <p>Failure window: a crash after the channel accepted a message and before its batch commits leaves
 * the offsets uncommitted and the ids unrecorded, so every message delivered in that batch (at most
 * {@code batchSize}) is delivered once more after the restart: at-least-once towards SMTP/webhook, with
 * the same Message-ID / delivery id both times so the duplicate is recognisable. A committed batch is never
 * sent again (its offsets are committed and its ids are in the ledger). Everything on Kafka is exactly-once.
 */
public final class OutboxSender implements Runnable, AutoCloseable {

    public static final String ATTEMPT_HEADER = "notifier.attempt";
    public static final String NOT_BEFORE_HEADER = "notifier.not-before";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    /** Records per poll, and so per transaction, unless configured. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** A hook between delivery and recording; tests use it to simulate a crash in the failure window. */
    @FunctionalInterface
    public interface AfterDelivery {
        void delivered(NotificationRequested request);
    }

    private final String source;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SentLedger ledger;
    private final Map<NotificationChannel, Channel> channels;
    private final MessageRenderer renderer;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Serializer<NotificationEvent> auditSerializer;
    private final AfterDelivery afterDelivery;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private volatile boolean running = true;

    /**
     * @param source          {@link NotifierTopics#OUTBOX} or {@link NotifierTopics#OUTBOX_RETRY}
     * @param clientProperties bootstrap servers and any client settings; group id and transactional id are set here
     * @param instanceId      unique per running instance (the transactional id includes it)
     * @param groupId         the consumer group ({@code notifier-sender} in the service); the source topic is appended
     * @param batchSize       records per poll and per transaction, at least 1: the most a crash can make resend
     */
    public OutboxSender(final String source, final Map<String, Object> clientProperties, final String instanceId,
                        final EventSerdes serdes, final Map<NotificationChannel, Channel> channels,
                        final MessageRenderer renderer, final RetryPolicy retry, final Clock clock,
                        final AfterDelivery afterDelivery, final String groupId, final int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.source = source;
        this.channels = Map.copyOf(channels);
        this.renderer = renderer;
        this.retry = retry;
        this.clock = clock;
        this.afterDelivery = afterDelivery;
        this.auditSerializer = Topics.CUSTOMER_NOTIFICATIONS.valueSerde(serdes).serializer();
        final String group = groupId + "-" + source;
        final Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        this.consumer = new KafkaConsumer<>(consumerProps, new org.apache.kafka.common.serialization.StringDeserializer(),
                new ByteArrayDeserializer());
        final Map<String, Object> producerProps = new HashMap<>(clientProperties);
        producerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        producerProps.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + instanceId);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        this.ledger = new SentLedger(consumerProps, Duration.ofSeconds(30));
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(source), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    ledger.catchUp();
                }
            });
            while (running) {
                resumeDue();
                final Batch batch = new Batch();
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!running) {
                        break; // stopping: record what was delivered; the rest is read again after a restart
                    }
                    final TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (pausedUntil.containsKey(tp)) {
                        continue; // a record behind one that is not due yet: read again after resume
                    }
                    if (!due(record, tp)) {
                        continue;
                    }
                    handle(record, batch);
                }
                commit(batch);
            }
        } catch (final WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            LOG.info("sender on {} stopped", source);
        }
    }

    private boolean due(final ConsumerRecord<String, byte[]> record, final TopicPartition tp) {
        final long notBefore = DeadLetters.header(record.headers(), NOT_BEFORE_HEADER).map(Long::parseLong).orElse(0L);
        if (notBefore <= clock.millis()) {
            return true;
        }
        consumer.seek(tp, record.offset());
        consumer.pause(List.of(tp));
        pausedUntil.put(tp, notBefore);
        return false;
    }

    private void resumeDue() {
        final long now = clock.millis();
        final List<TopicPartition> due = pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now)
                .map(Map.Entry::getKey).toList();
        due.forEach(pausedUntil::remove);
        consumer.resume(due);
    }

    private void handle(final ConsumerRecord<String, byte[]> record, final Batch batch) {
        batch.handled(record);
        final NotificationRequested request;
        try {
            request = NotifierTopics.outboxSerde().deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            batch.out.add(DeadLetters.record(NotifierTopics.OUTBOX_DEAD_LETTERS,
                    NotifierStreamsConfig.APPLICATION_ID, DeadLetters.Stage.DESERIALIZATION, record.topic(),
                    record.partition(), record.offset(), key(record), record.value(), record.headers(), e, null));
            return;
        }
        final String id = request.getNotificationId();
        if (ledger.contains(id) || batch.sent.contains(id)) {
            LOG.info("notification {} was already sent; skipped", id);
            return;
        }
        final int attempt = DeadLetters.header(record.headers(), ATTEMPT_HEADER).map(Integer::parseInt).orElse(0);
        try {
            final Channel channel = channels.get(NotificationChannel.valueOf(request.getChannel()));
            if (channel == null) {
                throw new DeliveryException(false, "CHANNEL_DISABLED", "no " + request.getChannel() + " channel", null);
            }
            final Message message = renderer.render(request);
            channel.deliver(request, message, attempt + 1);
        } catch (final DeliveryException e) {
            failed(record, request, attempt, e, batch);
            return;
        } catch (final RuntimeException e) {
            failed(record, request, attempt, new DeliveryException(false, "UNRENDERABLE", e.toString(), e), batch);
            return;
        }
        afterDelivery.delivered(request);
        final Instant now = clock.instant();
        batch.sent.add(id);
        batch.out.add(new ProducerRecord<>(NotifierTopics.SENT_NOTIFICATIONS, bytes(id), NotifierTopics.ledgerSerde()
                .serialize(NotifierTopics.SENT_NOTIFICATIONS, new SentNotification(id, request.getOrderId(), now, "SENT"))));
        batch.out.add(audit(request, sent(request, now)));
        LOG.info("notification {} ({}, order {}) sent by {} to {}", id, request.getKind(), request.getOrderId(),
                request.getChannel(), request.getRecipient());
    }

    private void failed(final ConsumerRecord<String, byte[]> record, final NotificationRequested request,
                        final int attempt, final DeliveryException e, final Batch batch) {
        if (e.isTransient() && !retry.exhausted(attempt + 1)) {
            final Duration wait = retry.delayAfter(attempt + 1, e.retryAfter(), ThreadLocalRandom.current()::nextDouble);
            final long notBefore = clock.millis() + wait.toMillis();
            final Headers headers = new RecordHeaders();
            headers.add(ATTEMPT_HEADER, bytes(Integer.toString(attempt + 1)));
            headers.add(NOT_BEFORE_HEADER, bytes(Long.toString(notBefore)));
            LOG.warn("notification {} attempt {} failed ({}: {}); retrying after {}", request.getNotificationId(),
                    attempt + 1, e.reason(), e.getMessage(), wait);
            batch.out.add(new ProducerRecord<>(NotifierTopics.OUTBOX_RETRY, null, key(record), record.value(), headers));
            return;
        }
        LOG.warn("notification {} failed after {} attempt(s) ({}: {}); dead-lettered", request.getNotificationId(),
                attempt + 1, e.reason(), e.getMessage());
        final Instant now = clock.instant();
        final String reason = "DELIVERY_FAILED: " + e.reason() + " after " + (attempt + 1) + " attempt(s)";
        batch.out.add(DeadLetters.record(NotifierTopics.OUTBOX_DEAD_LETTERS, NotifierStreamsConfig.APPLICATION_ID,
                DeadLetters.Stage.PROCESSING, record.topic(), record.partition(), record.offset(), key(record),
                record.value(), record.headers(), e, e.reason()));
        batch.out.add(audit(request, new NotificationEvent(CustomerNotificationSuppressed.newBuilder()
                .setEventId(NotificationIds.auditEventId(request.getNotificationId(), "failed"))
                .setOccurredAt(now).setNotificationId(request.getNotificationId())
                .setOrderId(request.getOrderId()).setLineIds(lineIds(request))
                .setCustomerId(request.getCustomerId()).setKind(NotificationKind.valueOf(request.getKind()))
                .setReason(reason).setCauseEventIds(request.getCauseEventIds()).build())));
    }

    /** What one poll's records produced, and the offsets to commit with it. */
    private static final class Batch {
        final List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        final Set<String> sent = new HashSet<>();

        void handled(final ConsumerRecord<String, byte[]> record) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** One transaction: the batch's records and its offsets; then its ids are known sent. */
    private void commit(final Batch batch) {
        if (batch.offsets.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        try {
            batch.out.forEach(producer::send);
            producer.sendOffsetsToTransaction(batch.offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (final RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (final RuntimeException ignored) {
                // fenced or closed: the abort cannot help; the caller stops
            }
            throw e;
        }
        batch.sent.forEach(ledger::remember);
    }

    private ProducerRecord<byte[], byte[]> audit(final NotificationRequested request, final NotificationEvent event) {
        return new ProducerRecord<>(Topics.CUSTOMER_NOTIFICATIONS.name(), bytes(request.getOrderId()),
                auditSerializer.serialize(Topics.CUSTOMER_NOTIFICATIONS.name(), event));
    }

    private static NotificationEvent sent(final NotificationRequested request, final Instant now) {
        return new NotificationEvent(CustomerNotificationSent.newBuilder()
                .setEventId(NotificationIds.auditEventId(request.getNotificationId(), "sent"))
                .setOccurredAt(now).setNotificationId(request.getNotificationId()).setOrderId(request.getOrderId())
                .setLineIds(lineIds(request)).setCustomerId(request.getCustomerId())
                .setKind(NotificationKind.valueOf(request.getKind()))
                .setChannel(NotificationChannel.valueOf(request.getChannel())).setRecipient(request.getRecipient())
                .setCauseEventIds(request.getCauseEventIds()).build());
    }

    private static List<String> lineIds(final NotificationRequested request) {
        return new ArrayList<>(request.getNotices().stream().map(Notice::getLineId).distinct().toList());
    }

    private static byte[] key(final ConsumerRecord<String, byte[]> record) {
        return record.key() == null ? null : bytes(record.key());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stops the loop (from another thread); {@link #close} afterwards. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
        producer.close(Duration.ofSeconds(5));
        ledger.close();
    }
}
