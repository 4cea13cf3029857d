package io.restock.backorder.config;

import io.restock.schemas.streams.StreamsDefaults;

import java.util.Properties;

/**
 * The Kafka Streams settings of backorder-processor: Restock's defaults (exactly_once_v2, dead-letter
 * handlers for all three failure kinds, 100 ms commits, earliest offsets; see {@link StreamsDefaults})
 * under this application's id. Deployment-specific ones (bootstrap servers, state directory) are
 * passed in; threads and the rest are added by the caller.
 */
public final class BackorderStreamsConfig {

    /** Application id = module name; prefixes its changelog and repartition topics. */
    public static final String APPLICATION_ID = "backorder-processor";

    private BackorderStreamsConfig() {
    }

    public static Properties properties(final String bootstrapServers, final String stateDir) {
        return StreamsDefaults.properties(APPLICATION_ID, bootstrapServers, stateDir);
    }
}
