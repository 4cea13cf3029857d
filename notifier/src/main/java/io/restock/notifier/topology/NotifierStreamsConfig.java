package io.restock.notifier.topology;

import io.restock.schemas.streams.StreamsDefaults;

import java.util.Properties;

/** The invariant Kafka Streams settings of the notifier's decisions; deployment-specific ones are passed in. */
public final class NotifierStreamsConfig {

    /** Application id = module name; prefixes the repartition and changelog topics. */
    public static final String APPLICATION_ID = "notifier";

    private NotifierStreamsConfig() {
    }

    /** The shared {@link StreamsDefaults}: exactly_once_v2, dead-letter handlers, 100 ms commits, earliest offsets. */
    public static Properties properties(final String bootstrapServers, final String stateDir) {
        return StreamsDefaults.properties(APPLICATION_ID, bootstrapServers, stateDir);
    }
}
