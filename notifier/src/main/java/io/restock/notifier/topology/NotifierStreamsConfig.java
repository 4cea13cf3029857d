package io.restock.notifier.topology;

import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/** The invariant Kafka Streams settings of the notifier's decisions; deployment-specific ones are passed in. */
public final class NotifierStreamsConfig {

    /** Application id = module name; prefixes the repartition and changelog topics. */
    public static final String APPLICATION_ID = "notifier";

    private NotifierStreamsConfig() {
    }

    /** exactly_once_v2, dead-letter handlers, 100 ms commits, earliest offsets, no default serdes. */
    public static Properties properties(final String bootstrapServers, final String stateDir) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        return props;
    }
}
