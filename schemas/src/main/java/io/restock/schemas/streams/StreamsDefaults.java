package io.restock.schemas.streams;

import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The Kafka Streams settings every Restock streams application shares: exactly_once_v2, the
 * dead-letter handlers for deserialization, processing and production failures
 * ({@link DeadLetterExceptionHandler}), a {@value #COMMIT_INTERVAL_MS} ms commit interval, and
 * {@code earliest} offsets for a new application id. No default serdes: every node names its own.
 * Services add their module-specific settings (threads, caches, {@link BoundedMemoryRocksDbConfig})
 * on top of what this returns.
 */
public final class StreamsDefaults {

    public static final int COMMIT_INTERVAL_MS = 100;

    private StreamsDefaults() {
    }

    /** The shared invariants plus the application id, for laying over a configuration that already has the rest. */
    public static Properties invariants(final String applicationId) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        return props;
    }

    /** {@link #invariants} plus where the application connects and keeps its state. */
    public static Properties properties(final String applicationId, final String bootstrapServers,
                                        final String stateDir) {
        final Properties props = invariants(applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        return props;
    }
}
