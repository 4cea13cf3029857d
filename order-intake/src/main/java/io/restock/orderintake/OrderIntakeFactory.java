package io.restock.orderintake;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.submission.Submissions;
import io.restock.orderintake.status.StatusStreams;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The plain-Java collaborators order-intake's beans share (the serdes and the Kafka login are service-support's
 * beans of the {@code order-intake.kafka} block).
 */
@Factory
final class OrderIntakeFactory {

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
