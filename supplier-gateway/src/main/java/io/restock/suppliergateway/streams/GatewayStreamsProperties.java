package io.restock.suppliergateway.streams;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;

import java.util.Map;

/**
 * The {@code supplier-gateway.streams} block of application.yml: where this instance keeps its state, how other
 * instances reach it, how many stream threads it runs, and any other Kafka Streams setting by its Kafka name.
 * Restock's {@code StreamsDefaults} (exactly_once_v2, dead-letter handlers, 100 ms commits) are laid over
 * {@code config}, so a setting there cannot weaken them.
 *
 * @param applicationId     the application id ({@value GatewayStreamsFactory#APPLICATION_ID} unless a test or a
 *                          deployment sets another)
 * @param stateDir          where the stores live
 * @param applicationServer this instance's {@code host:port} for the other instances (empty: {@code 127.0.0.1:<HTTP
 *                          port>}, right on one machine only)
 * @param threads           stream threads
 * @param config            other Kafka Streams settings by their Kafka names ({@code consumer.session.timeout.ms}, ...)
 */
@ConfigurationProperties("supplier-gateway.streams")
public record GatewayStreamsProperties(@Bindable(defaultValue = GatewayStreamsFactory.APPLICATION_ID) String applicationId,
                                       String stateDir,
                                       @Nullable String applicationServer,
                                       @Bindable(defaultValue = "1") int threads,
                                       @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                                       Map<String, String> config) {

    public GatewayStreamsProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("supplier-gateway.streams.threads must be at least 1, not " + threads);
        }
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
