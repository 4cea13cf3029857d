package io.restock.orderintake;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.serde.EventSerdes;
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
}
