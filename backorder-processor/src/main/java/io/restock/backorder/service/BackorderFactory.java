package io.restock.backorder.service;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.allocation.rules.PromiseSettings;
import io.restock.backorder.config.BackorderSettings;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.streams.OwnerForwarder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.backorder.config.BackorderStreamsProperties;
import io.restock.backorder.topology.BackorderTopology;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Binds the {@code backorder-processor} block of application.yml, with service-support's bean of the shared
 * {@code restock.promises} block, to the plain-Java settings.
 */
@Factory
final class BackorderFactory {

    /**
     * The Kafka Streams application ({@link BackorderTopology#define}; Restock's {@code StreamsDefaults}), its
     * {@code application.server} this instance's HTTP server unless set. Started with the service (service-support's
     * {@code StreamsRunnerStart}); the serdes and the login are service-support's beans of the
     * {@code backorder-processor.kafka} block.
     */
    @Singleton
    @Bean(preDestroy = "close")
    StreamsRunner streamsRunner(@Value("${backorder-processor.kafka.bootstrap-servers}") final String bootstrapServers,
                                @Value("${micronaut.server.port:8083}") final int httpPort,
                                final BackorderStreamsProperties config, final EventSerdes serdes,
                                final BackorderSettings settings, final MeterRegistry meters, final ClientLogin login) {
        return StreamsRunner.create(BackorderStreamsConfig.APPLICATION_ID, config.applicationId(),
                BackorderStreamsConfig.properties(bootstrapServers, config.stateDir()), login,
                config.applicationServer(), httpPort, builder -> BackorderTopology.define(builder, serdes, settings),
                meters);
    }

    /** Forwards a read to the instance that owns the SKU (one hop); see {@link ReadController}. */
    @Singleton
    OwnerForwarder ownerForwarder(final StreamsRunner streams,
                                  @Value("${backorder-processor.http.forward-timeout:2s}") final Duration timeout) {
        return new OwnerForwarder(streams.owners().selfName(), timeout);
    }

    @Singleton
    BackorderSettings settings(final PromiseSettings promises,
                               @Value("${backorder-processor.procurement.batch-window:15m}") final Duration window,
                               @Value("${backorder-processor.procurement.idle-flush-after:1m}") final Duration idle,
                               @Value("${backorder-processor.procurement.amend-unacknowledged:true}") final boolean amend,
                               @Value("${backorder-processor.procurement.drop-ship:false}") final boolean dropShip,
                               @Value("${backorder-processor.remembered-ids:1000}") final int rememberedIds,
                               @Value("${backorder-processor.supplier-answer-wait:1h}") final Duration answerWait) {
        return new BackorderSettings(promises, window, idle, amend, dropShip, rememberedIds, answerWait);
    }
}
