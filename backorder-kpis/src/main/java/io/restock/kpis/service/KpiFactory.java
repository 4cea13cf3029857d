package io.restock.kpis.service;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.OwnerForwarder;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Binds the {@code backorder-kpis} block of application.yml to the serdes, the login and the read forwarder. */
@Factory
final class KpiFactory {

    @Singleton
    EventSerdes eventSerdes(@Value("${backorder-kpis.kafka.schema-registry-url}") final String registryUrl) {
        return EventSerdes.registry(registryUrl, false);
    }

    /** Forwards a read to the instance that holds the KPI sums (one hop). */
    @Singleton
    OwnerForwarder ownerForwarder(final KpiStreams streams,
                                  @Value("${backorder-kpis.http.forward-timeout:2s}") final Duration timeout) {
        return new OwnerForwarder(streams.owners().selfName(), timeout);
    }

    /** How the service's Kafka clients log in (PLAINTEXT unless set); see service-support's {@link ClientLogin}. */
    @Singleton
    ClientLogin clientLogin(@Value("${backorder-kpis.kafka.security-protocol:PLAINTEXT}") final String protocol,
                            @Value("${backorder-kpis.kafka.sasl-mechanism:}") final String mechanism,
                            @Value("${backorder-kpis.kafka.sasl-jaas-config:}") final String jaasConfig) {
        return new ClientLogin("backorder-kpis.kafka", protocol, mechanism, jaasConfig);
    }
}
