package io.restock.suppliergateway.streams;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.streams.AdvertisedServer;
import io.restock.service.streams.OwnerForwarder;
import io.restock.suppliergateway.kafka.ClientSecurity;
import io.restock.suppliergateway.suppliers.Channel;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.suppliers.SupplierConfiguration;
import io.restock.suppliergateway.suppliers.SupplierTopics;
import io.restock.suppliergateway.topology.GatewayTopics;
import io.restock.suppliergateway.topology.GatewayTopology;
import io.restock.events.PurchaseOrderEvent;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Wires supplier-gateway into micronaut-kafka-streams: deployment settings come from application.yml
 * ({@code kafka.streams.default.*}); this lays the shared {@link StreamsDefaults} over them (exactly_once_v2,
 * dead-letter handlers, 100 ms commits, application id), sets {@code application.server} ({@code kafka.streams.default.application.server},
 * default {@code 127.0.0.1:<HTTP port>}) and calls the pure {@link GatewayTopology#define}. Before that,
 * the registry topic and the topics of configured KAFKA suppliers are created, so the topology never reads
 * or writes a missing topic.
 */
@Factory
final class GatewayStreamsFactory {

    @Singleton
    EventSerdes eventSerdes(@Value("${supplier-gateway.kafka.schema-registry-url}") final String registryUrl) {
        return EventSerdes.registry(registryUrl, false);
    }

    /** Sends a supplier's request once to the instance that owns its purchase order (see PurchaseOrderController). */
    @Singleton
    OwnerForwarder ownerForwarder(final GatewayStores stores,
                                  @Value("${supplier-gateway.http.forward-timeout:10s}") final Duration timeout) {
        return new OwnerForwarder(stores.selfName(), timeout);
    }

    @Singleton
    KStream<String, PurchaseOrderEvent> gatewayTopology(final ConfiguredStreamBuilder builder, final EventSerdes serdes,
                                   final List<SupplierConfiguration> configuration, final SupplierTopics topics,
                                   @Value("${supplier-gateway.streams.application-id:supplier-gateway}")
                                   final String applicationId,
                                   @Value("${supplier-gateway.answers.message-id-retention:30d}")
                                   final Duration messageIdRetention, final ClientSecurity security,
                                   @Value("${micronaut.server.port:8084}") final int httpPort) {
        final Properties config = builder.getConfiguration();
        config.putAll(StreamsDefaults.invariants(applicationId));
        // Where the other instances reach this one's HTTP server (reads and answers forwarded to a PO's owner).
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                AdvertisedServer.resolve(config.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG), httpPort));
        config.putAll(security.properties());
        topics.ensure(GatewayTopics.SUPPLIERS);
        final Map<String, Supplier> configured = new LinkedHashMap<>();
        for (final SupplierConfiguration c : configuration) {
            final Supplier supplier = c.toSupplier();
            configured.put(supplier.id(), supplier);
            if (supplier.channel() == Channel.KAFKA) {
                topics.ensure(supplier.id());
            }
        }
        return GatewayTopology.define(builder, serdes, Map.copyOf(configured), messageIdRetention);
    }
}
