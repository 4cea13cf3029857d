package io.restock.suppliergateway.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.RetiredStreamsSettings;
import io.restock.service.streams.StreamsRunner;
import io.restock.service.kafka.ClientLogin;
import io.restock.suppliergateway.suppliers.Channel;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.suppliers.SupplierConfiguration;
import io.restock.suppliergateway.suppliers.SupplierTopics;
import io.restock.suppliergateway.topology.GatewayTopics;
import io.restock.suppliergateway.topology.GatewayTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Makes supplier-gateway's Kafka Streams application: the {@code supplier-gateway.streams} settings
 * ({@link GatewayStreamsProperties}) with the shared {@link StreamsDefaults} laid over them (exactly_once_v2,
 * dead-letter handlers, 100 ms commits), the login, this instance's {@code application.server} (default
 * {@code 127.0.0.1:<HTTP port>}) and the pure {@link GatewayTopology#define}, run by service-support's
 * {@link StreamsRunner} (started with the service; the serdes are service-support's bean). Before that, the registry topic and the topics of
 * configured KAFKA suppliers are created, so the topology never reads or writes a missing topic.
 */
@Factory
final class GatewayStreamsFactory {

    /** Application id = module name; prefixes its changelog and repartition topics. */
    static final String APPLICATION_ID = "supplier-gateway";

    /** Sends a supplier's request once to the instance that owns its purchase order (see PurchaseOrderController). */
    @Singleton
    OwnerForwarder ownerForwarder(final GatewayStores stores,
                                  @Value("${supplier-gateway.http.forward-timeout:10s}") final Duration timeout) {
        return new OwnerForwarder(stores.selfName(), timeout);
    }

    @Singleton
    @Bean(preDestroy = "close")
    StreamsRunner streamsRunner(@Value("${supplier-gateway.kafka.bootstrap-servers}") final String bootstrapServers,
                                @Value("${micronaut.server.port:8084}") final int httpPort,
                                final GatewayStreamsProperties config, final EventSerdes serdes,
                                final List<SupplierConfiguration> configuration, final SupplierTopics topics,
                                @Value("${supplier-gateway.answers.message-id-retention:30d}")
                                final Duration messageIdRetention, final ClientLogin security,
                                final MeterRegistry meters, final Environment environment) {
        RetiredStreamsSettings.refuse(environment, "supplier-gateway.streams");
        topics.ensure(GatewayTopics.SUPPLIERS);
        final Map<String, Supplier> configured = new LinkedHashMap<>();
        for (final SupplierConfiguration c : configuration) {
            final Supplier supplier = c.toSupplier();
            configured.put(supplier.id(), supplier);
            if (supplier.channel() == Channel.KAFKA) {
                topics.ensure(supplier.id());
            }
        }
        return StreamsRunner.create(APPLICATION_ID, config.applicationId(), properties(config, bootstrapServers),
                security, config.applicationServer(), httpPort,
                builder -> GatewayTopology.define(builder, serdes, Map.copyOf(configured), messageIdRetention), meters);
    }

    /**
     * The application's settings: {@code config}'s free settings and thread count, then {@link StreamsDefaults}
     * over them (which also applies the fault verifier's {@code RESTOCK_STREAMS_*} timing); the runner adds the login
     * and {@code application.server}.
     */
    static Properties properties(final GatewayStreamsProperties config, final String bootstrapServers) {
        final Properties props = new Properties();
        props.putAll(config.config());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.putAll(StreamsDefaults.properties(APPLICATION_ID, bootstrapServers, config.stateDir()));
        return props;
    }
}
