package io.restock.backorder.service;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.allocation.rules.PriorityRule;
import io.restock.backorder.config.BackorderSettings;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.streams.OwnerForwarder;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.ZoneId;

/** Binds the {@code backorder-processor} block of application.yml to the plain-Java settings. */
@Factory
final class BackorderFactory {

    @Singleton
    EventSerdes eventSerdes(@Value("${backorder-processor.kafka.schema-registry-url}") final String registryUrl) {
        return EventSerdes.registry(registryUrl, false);
    }

    /** Forwards a read to the instance that owns the SKU (one hop); see {@link ReadController}. */
    @Singleton
    OwnerForwarder ownerForwarder(final BackorderStreams streams,
                                  @Value("${backorder-processor.http.forward-timeout:2s}") final Duration timeout) {
        return new OwnerForwarder(streams.owners().selfName(), timeout);
    }

    /** How the service's Kafka clients log in (PLAINTEXT unless set); see service-support's {@link ClientLogin}. */
    @Singleton
    ClientLogin clientLogin(@Value("${backorder-processor.kafka.security-protocol:PLAINTEXT}") final String protocol,
                            @Value("${backorder-processor.kafka.sasl-mechanism:}") final String mechanism,
                            @Value("${backorder-processor.kafka.sasl-jaas-config:}") final String jaasConfig) {
        return new ClientLogin("backorder-processor.kafka", protocol, mechanism, jaasConfig);
    }

    @Singleton
    BackorderSettings settings(@Value("${backorder-processor.priority.rule:FIFO}") final String rule,
                               @Value("${backorder-processor.priority.tier-weight:10}") final double tierWeight,
                               @Value("${backorder-processor.priority.value-weight:0.01}") final double valueWeight,
                               @Value("${backorder-processor.priority.waiting-weight-per-day:1}") final double waiting,
                               @Value("${backorder-processor.zone:UTC}") final String zone,
                               @Value("${backorder-processor.procurement.batch-window:15m}") final Duration window,
                               @Value("${backorder-processor.procurement.idle-flush-after:1m}") final Duration idle,
                               @Value("${backorder-processor.procurement.amend-unacknowledged:true}") final boolean amend,
                               @Value("${backorder-processor.procurement.drop-ship:false}") final boolean dropShip,
                               @Value("${backorder-processor.remembered-ids:1000}") final int rememberedIds,
                               @Value("${backorder-processor.supplier-answer-wait:1h}") final Duration answerWait) {
        final PriorityRule priority = "WEIGHTED".equalsIgnoreCase(rule)
                ? PriorityRule.weighted(tierWeight, valueWeight, waiting) : PriorityRule.FIFO;
        return new BackorderSettings(priority, ZoneId.of(zone), window, idle, amend, dropShip, rememberedIds,
                answerWait);
    }
}
