package io.restock.inventory.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;

import java.util.Map;

/**
 * The {@code inventory-stream.streams} block of application.yml: where this instance keeps its state, how other
 * instances reach it, how many stream threads it runs, and any other Kafka Streams setting by its Kafka name. The
 * invariants of {@link InventoryStreamsConfig} (exactly_once_v2, dead-letter handlers, bounded RocksDB, commit
 * interval) are laid over {@code config}, so a setting there cannot weaken them.
 *
 * @param applicationId     the application id ({@value InventoryStreamsConfig#APPLICATION_ID} unless a test or a
 *                          deployment sets another)
 * @param stateDir          where the RocksDB stores live
 * @param applicationServer this instance's {@code host:port} for the other instances (empty: {@code 127.0.0.1:<HTTP
 *                          port>}, right on one machine only)
 * @param threads           stream threads
 * @param config            other Kafka Streams settings by their Kafka names ({@code statestore.cache.max.bytes},
 *                          {@code consumer.session.timeout.ms}, {@code restock.rocksdb.total.bytes}, ...)
 */
@ConfigurationProperties("inventory-stream.streams")
public record InventoryStreamsProperties(@Bindable(defaultValue = InventoryStreamsConfig.APPLICATION_ID) String applicationId,
                                         String stateDir,
                                         @Nullable String applicationServer,
                                         @Bindable(defaultValue = "1") int threads,
                                         @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                                         Map<String, String> config) {

    public InventoryStreamsProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("inventory-stream.streams.threads must be at least 1, not " + threads);
        }
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
