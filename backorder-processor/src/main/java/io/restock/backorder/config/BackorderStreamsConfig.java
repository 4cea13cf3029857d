package io.restock.backorder.config;

import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The invariant Kafka Streams settings of backorder-processor; deployment-specific ones (bootstrap
 * servers, state directory, threads) are passed in or added by the caller.
 */
public final class BackorderStreamsConfig {

    /** Application id = module name; prefixes its changelog and repartition topics. */
    public static final String APPLICATION_ID = "backorder-processor";
    public static final int COMMIT_INTERVAL_MS = 100;

    private BackorderStreamsConfig() {
    }

    /** exactly_once_v2, dead-letter handlers for all three failure kinds, earliest offsets, no default serdes. */
    public static Properties properties(final String bootstrapServers, final String stateDir) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        return props;
    }
}
