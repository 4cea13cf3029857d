package io.restock.orderintake.idempotency;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * {@code /health}: the reader of {@code orders.order-events} that keeps the Idempotency-Keys known.
 * UNKNOWN while it catches up (creates answer 503), UP once caught up, DOWN if it failed: it does
 * not restart itself, and without it orders other instances accept are not known here, so the
 * instance should be restarted.
 */
@Singleton
final class IdempotencyLogHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final OrderLogFollower follower;
    private final IdempotencyGuard guard;

    IdempotencyLogHealthIndicator(final OrderLogFollower follower, final IdempotencyGuard guard) {
        this.follower = follower;
        this.guard = guard;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final var failure = follower.failure();
        if (failure.isPresent()) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("state", "FAILED", "error", String.valueOf(failure.get()));
        }
        healthStatus = guard.ready() ? HealthStatus.UP : HealthStatus.UNKNOWN;
        return Map.of("state", guard.ready() ? "CAUGHT_UP" : "CATCHING_UP", "keys", guard.size());
    }

    @Override
    protected String getName() {
        return "order-intake-idempotency-log";
    }
}
