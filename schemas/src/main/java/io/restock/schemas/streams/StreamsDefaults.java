package io.restock.schemas.streams;

import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Streams settings every Restock streams application shares: exactly_once_v2, the
 * dead-letter handlers for deserialization, processing and production failures
 * ({@link DeadLetterExceptionHandler}), a {@value #COMMIT_INTERVAL_MS} ms commit interval, and
 * {@code earliest} offsets for a new application id, and {@code ensure.explicit.internal.resource.naming} (a
 * store, changelog or repartition topic without an explicit name fails the application at start, so a
 * topology change cannot silently rename internal topics). No default serdes: every node names its own.
 * Services add their module-specific settings (threads, caches, {@link BoundedMemoryRocksDbConfig})
 * on top of what this returns.
 *
 * <p>For fault testing ({@code bin/restock chaos}) three environment variables override the timing of every
 * streams application: {@value #COMMIT_INTERVAL_ENV} (a long interval keeps a transaction open for a kill to
 * land in), {@value #TRANSACTION_TIMEOUT_ENV} (the producers' {@code transaction.timeout.ms}: a pause longer
 * than it gets the transaction aborted by the broker) and {@value #SESSION_TIMEOUT_ENV} (the consumers'
 * {@code session.timeout.ms}: how soon a killed member's partitions move). Each is whole milliseconds; a bad
 * value stops the service at start with {@link IllegalArgumentException} naming the variable.
 */
public final class StreamsDefaults {

    public static final int COMMIT_INTERVAL_MS = 100;

    public static final String COMMIT_INTERVAL_ENV = "RESTOCK_STREAMS_COMMIT_INTERVAL_MS";
    public static final String TRANSACTION_TIMEOUT_ENV = "RESTOCK_STREAMS_TRANSACTION_TIMEOUT_MS";
    public static final String SESSION_TIMEOUT_ENV = "RESTOCK_STREAMS_SESSION_TIMEOUT_MS";

    private StreamsDefaults() {
    }

    /** The shared invariants plus the application id, for laying over a configuration that already has the rest. */
    public static Properties invariants(final String applicationId) {
        return invariants(applicationId, Duration.ofMillis(COMMIT_INTERVAL_MS));
    }

    /**
     * {@link #invariants(String)} with the application's own commit interval instead of {@value #COMMIT_INTERVAL_MS}
     * ms; the fault verifier's {@value #COMMIT_INTERVAL_ENV} still wins over it, so no caller re-applies
     * {@link #timingOverrides()}.
     */
    public static Properties invariants(final String applicationId, final Duration commitInterval) {
        final long commitMs = commitInterval.toMillis();
        if (commitMs < 1 || commitMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the commit interval must be from 1 ms, not " + commitInterval);
        }
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) commitMs);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        props.putAll(timingOverrides());
        return props;
    }

    /** {@link #invariants} plus where the application connects and keeps its state. */
    public static Properties properties(final String applicationId, final String bootstrapServers,
                                        final String stateDir) {
        return properties(applicationId, bootstrapServers, stateDir, Duration.ofMillis(COMMIT_INTERVAL_MS));
    }

    /** {@link #properties(String, String, String)} with the application's own commit interval (see {@link #invariants(String, Duration)}). */
    public static Properties properties(final String applicationId, final String bootstrapServers,
                                        final String stateDir, final Duration commitInterval) {
        final Properties props = invariants(applicationId, commitInterval);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        return props;
    }

    /** The timing overrides this process's environment sets (none when it sets none); part of {@link #invariants}. */
    private static Properties timingOverrides() {
        return timingOverrides(System.getenv());
    }

    /** The timing overrides {@code environment} sets: see the class comment. */
    static Properties timingOverrides(final Map<String, String> environment) {
        final Properties props = new Properties();
        final Integer commitInterval = milliseconds(environment, COMMIT_INTERVAL_ENV);
        if (commitInterval != null) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
        }
        final Integer transactionTimeout = milliseconds(environment, TRANSACTION_TIMEOUT_ENV);
        if (transactionTimeout != null) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), transactionTimeout);
        }
        final Integer sessionTimeout = milliseconds(environment, SESSION_TIMEOUT_ENV);
        if (sessionTimeout != null) {
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeout);
        }
        if (commitInterval != null && transactionTimeout != null && transactionTimeout <= commitInterval) {
            throw new IllegalArgumentException(TRANSACTION_TIMEOUT_ENV + " (" + transactionTimeout
                    + " ms) must be longer than " + COMMIT_INTERVAL_ENV + " (" + commitInterval
                    + " ms): every transaction would time out before it commits");
        }
        return props;
    }

    private static Integer milliseconds(final Map<String, String> environment, final String name) {
        final String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            final int millis = Integer.parseInt(value.trim());
            if (millis >= 1) {
                return millis;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of milliseconds >= 1, not '" + value
                + "'");
    }

    /**
     * A builder that applies the topology-level settings of {@code properties} ({@link #properties} plus the
     * application's own): with the invariants, {@code build()} fails on a store, changelog or repartition topic
     * that has no explicit name. A plain {@code new StreamsBuilder()} only logs a warning.
     */
    public static StreamsBuilder builder(final Properties properties) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    }

    /** {@link #builder(Properties)} for a topology test: the invariants, no broker, no state directory of note. */
    public static StreamsBuilder testBuilder(final String applicationId) {
        return builder(properties(applicationId, "unused:9092", System.getProperty("java.io.tmpdir")));
    }
}
