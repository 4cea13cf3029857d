package io.restock.notifier.topology;

import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.internal.SentNotification;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.PrivateAvroSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The notifier's private topics (names start with the application id; not in the shared catalogue
 * because nobody else reads them). Values are private Avro ({@link PrivateAvroSerde}: the writer schema's
 * fingerprint, then Avro): only the notifier writes and reads them, across its builds.
 */
public final class NotifierTopics {

    /** Decided notifications, written by the decisions topology (EOS), read by the sender. Key: orderId. */
    public static final String OUTBOX = "notifier.outbox";
    /** Notifications whose delivery failed transiently, waiting for another try. Key: orderId. */
    public static final String OUTBOX_RETRY = "notifier.outbox-retry";
    /** The sender's deduplication ledger, compacted. Key: notificationId. */
    public static final String SENT_NOTIFICATIONS = "notifier.sent-notifications";
    /** Where notifications that could not be delivered go, with the reason in {@code dlq.*} headers. */
    public static final String OUTBOX_DEAD_LETTERS = DeadLetters.topicFor(OUTBOX);

    public static final int PARTITIONS = 6;

    private NotifierTopics() {
    }

    public static PrivateAvroSerde<NotificationRequested> outboxSerde() {
        return new PrivateAvroSerde<>(NotificationRequested.class);
    }

    public static PrivateAvroSerde<SentNotification> ledgerSerde() {
        return new PrivateAvroSerde<>(SentNotification.class);
    }

    /** Creates the private topics unless they exist (replication: min(3, brokers)). */
    public static void create(final Admin admin, final Duration timeout) {
        try {
            final int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            final short replication = (short) Math.min(3, brokers);
            final Map<String, String> events = Map.of(TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(Duration.ofDays(30).toMillis()));
            final List<NewTopic> topics = List.of(
                    new NewTopic(OUTBOX, PARTITIONS, replication).configs(events),
                    new NewTopic(OUTBOX_RETRY, PARTITIONS, replication).configs(events),
                    new NewTopic(SENT_NOTIFICATIONS, PARTITIONS, replication).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(OUTBOX_DEAD_LETTERS, 1, replication).configs(events));
            for (final var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the notifier's topics: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
