package io.restock.inventory.streams;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.events.LineEvent;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.schemas.serde.EventSerdes;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

import java.util.Properties;

/**
 * Wires inventory-stream into micronaut-kafka-streams. The builder's configuration arrives from
 * application.yml ({@code kafka.*} and {@code kafka.streams.default.*}: bootstrap servers, state
 * directory, {@code application.server}, threads); this factory lays the invariants of
 * {@link InventoryStreamsConfig} over it (exactly_once_v2, dead-letter handlers, bounded RocksDB,
 * commit interval) and calls the pure {@link InventoryTopology#define}. micronaut-kafka-streams then
 * builds and starts the one {@code KafkaStreams}.
 */
@Factory
final class InventoryStreamsFactory {

    @Singleton
    EventSerdes eventSerdes(@Value("${inventory-stream.kafka.schema-registry-url}") final String registryUrl) {
        return EventSerdes.registry(registryUrl, false);
    }

    /** How the service's Kafka clients log in (PLAINTEXT unless set); see service-support's {@link ClientLogin}. */
    @Singleton
    ClientLogin clientLogin(@Value("${inventory-stream.kafka.security-protocol:PLAINTEXT}") final String protocol,
                            @Value("${inventory-stream.kafka.sasl-mechanism:}") final String mechanism,
                            @Value("${inventory-stream.kafka.sasl-jaas-config:}") final String jaasConfig) {
        return new ClientLogin("inventory-stream.kafka", protocol, mechanism, jaasConfig);
    }

    @Singleton
    InventorySettings inventorySettings(
            @Value("${restock.promises.priority-rule}") final String rule,
            @Value("${restock.promises.weights.tier}") final double tier,
            @Value("${restock.promises.weights.value}") final double value,
            @Value("${restock.promises.weights.waiting-per-day}") final double waiting,
            @Value("${restock.promises.default-max-wait-days}") final int maxWait,
            @Value("${restock.promises.time-zone}") final String zone,
            @Value("${inventory-stream.allocation.remembered-movement-ids:1000}") final int movementIds,
            @Value("${inventory-stream.allocation.remembered-order-events:50}") final int orderEvents) {
        return new AllocationSettings(rule, tier, value, waiting, maxWait, zone, movementIds, orderEvents)
                .toInventorySettings();
    }

    @Singleton
    KStream<String, LineEvent> inventoryTopology(final ConfiguredStreamBuilder builder, final EventSerdes serdes,
                                                 final InventorySettings settings, final ClientLogin login,
                                                 @Value("${inventory-stream.streams.application-id:inventory-stream}")
                                                 final String applicationId) {
        final Properties config = builder.getConfiguration();
        config.putAll(InventoryStreamsConfig.properties(
                config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                config.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        login.addTo(config);
        return InventoryTopology.define(builder, serdes, settings);
    }
}
