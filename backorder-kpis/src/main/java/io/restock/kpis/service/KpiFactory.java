package io.restock.kpis.service;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.OwnerForwarder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.restock.kpis.topology.KpiTopology;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Makes backorder-kpis' Kafka Streams application and the read forwarder from the {@code backorder-kpis} block of
 * application.yml (the serdes and the login are service-support's beans of its {@code kafka} block).
 */
@Factory
final class KpiFactory {

    /**
     * The Kafka Streams application ({@link KpiTopology#define}; Restock's {@link StreamsDefaults}), its
     * {@code application.server} this instance's HTTP server unless set. Started with the service (service-support's
     * {@code StreamsRunnerStart}).
     */
    @Singleton
    @Bean(preDestroy = "close")
    StreamsRunner streamsRunner(@Value("${backorder-kpis.kafka.bootstrap-servers}") final String bootstrapServers,
                                @Value("${backorder-kpis.time-zone:UTC}") final String zone,
                                @Value("${micronaut.server.port:8086}") final int httpPort,
                                final KpiStreamsProperties config, final EventSerdes serdes, final MeterRegistry meters,
                                final ClientLogin login) {
        return StreamsRunner.create(KpiStreams.APPLICATION_ID, config.applicationId(),
                StreamsDefaults.properties(KpiStreams.APPLICATION_ID, bootstrapServers, config.stateDir()), login,
                config.applicationServer(), httpPort, builder -> KpiTopology.define(builder, serdes, ZoneId.of(zone)),
                meters);
    }

    /** Forwards a read to the instance that holds the KPI sums (one hop). */
    @Singleton
    OwnerForwarder ownerForwarder(final KpiStreams streams,
                                  @Value("${backorder-kpis.http.forward-timeout:2s}") final Duration timeout) {
        return new OwnerForwarder(streams.owners().selfName(), timeout);
    }
}
