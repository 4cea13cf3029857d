package io.restock.inventory.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.restock.allocation.rules.PromiseSettings;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.config.InventoryStreamsProperties;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.RetiredStreamsSettings;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * Binds inventory-stream's blocks of application.yml and makes its Kafka Streams application: the
 * {@code inventory-stream.streams} settings ({@link InventoryStreamsProperties}), with the invariants of
 * {@link InventoryStreamsConfig} laid over them (exactly_once_v2, dead-letter handlers, bounded RocksDB, commit
 * interval), the login, this instance's {@code application.server}, and the pure {@link InventoryTopology#define},
 * run by service-support's {@link StreamsRunner}. The serdes and the login are service-support's beans of the
 * {@code inventory-stream.kafka} block.
 */
@Factory
final class InventoryStreamsFactory {

    /** The {@code inventory-stream.allocation} block, with service-support's bean of the shared promise settings. */
    @Singleton
    InventorySettings inventorySettings(
            final PromiseSettings promises,
            @Value("${inventory-stream.allocation.remembered-movement-ids:1000}") final int movementIds,
            @Value("${inventory-stream.allocation.remembered-order-events:50}") final int orderEvents) {
        return InventorySettings.of(promises, movementIds, orderEvents);
    }

    /** The Kafka Streams application; service-support's {@code StreamsRunnerStart} starts it with the service. */
    @Singleton
    @Bean(preDestroy = "close")
    StreamsRunner streamsRunner(@Value("${inventory-stream.kafka.bootstrap-servers}") final String bootstrapServers,
                                @Value("${micronaut.server.port:8082}") final int httpPort,
                                final InventoryStreamsProperties config, final EventSerdes serdes,
                                final InventorySettings settings, final MeterRegistry meters, final ClientLogin login,
                                final Environment environment) {
        RetiredStreamsSettings.refuse(environment, "inventory-stream.streams");
        return StreamsRunner.create(InventoryStreamsConfig.APPLICATION_ID, config.applicationId(),
                properties(config, bootstrapServers), login, config.applicationServer(), httpPort,
                builder -> InventoryTopology.define(builder, serdes, settings), meters);
    }

    /**
     * The application's settings: {@code config}'s free settings and thread count, then the invariants over them
     * ({@link InventoryStreamsConfig#properties}, which also applies the fault verifier's {@code RESTOCK_STREAMS_*}
     * timing); the runner adds the login and {@code application.server}.
     */
    static Properties properties(final InventoryStreamsProperties config, final String bootstrapServers) {
        final Properties props = new Properties();
        props.putAll(config.config());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.putAll(InventoryStreamsConfig.properties(bootstrapServers, config.stateDir()));
        return props;
    }
}
