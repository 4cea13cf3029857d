package io.restock.orderintake;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.submission.Submissions;
import io.restock.orderintake.status.StatusStreams;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The plain-Java collaborators order-intake's beans share. */
@Factory
final class OrderIntakeFactory {

    @Singleton
    EventSerdes eventSerdes(@Value("${order-intake.kafka.schema-registry-url}") final String registryUrl) {
        return EventSerdes.registry(registryUrl, false);
    }

    /** How the service's Kafka clients log in (PLAINTEXT unless set); see service-support's {@link ClientLogin}. */
    @Singleton
    ClientLogin clientLogin(@Value("${order-intake.kafka.security-protocol:PLAINTEXT}") final String protocol,
                            @Value("${order-intake.kafka.sasl-mechanism:}") final String mechanism,
                            @Value("${order-intake.kafka.sasl-jaas-config:}") final String jaasConfig) {
        return new ClientLogin("order-intake.kafka", protocol, mechanism, jaasConfig);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Submissions submissions(final Clock clock) {
        return new Submissions(clock);
    }

    @Singleton
    IdempotencyGuard idempotencyGuard(@Value("${order-intake.idempotency.retention:7d}") final Duration retention,
                                      @Value("${order-intake.idempotency.max-remembered:1000000}") final int maxRemembered,
                                      @Value("${order-intake.idempotency.pending-max-age:30s}") final Duration pending,
                                      final Clock clock) {
        return new IdempotencyGuard(1024, retention.toMillis(), maxRemembered, pending.toMillis(), clock::millis);
    }

    /** Sends a read or cancellation once to the instance that owns the order (see {@code OrdersController}). */
    @Singleton
    OwnerForwarder ownerForwarder(final StatusStreams streams,
                                  @Value("${order-intake.http.forward-timeout:2s}") final Duration timeout) {
        return new OwnerForwarder(streams.selfName(), timeout);
    }

    /** The status view's runner as a bean, for its {@code order-intake-streams} health indicator. */
    @Singleton
    StreamsRunner statusViewRunner(final StatusStreams streams) {
        return streams.runner();
    }
}
