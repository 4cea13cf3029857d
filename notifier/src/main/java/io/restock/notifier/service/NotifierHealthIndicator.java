package io.restock.notifier.service;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * {@code /health} of the two outbox senders, as {@code notifier-senders}: UP while both threads run, DOWN when
 * one died, UNKNOWN before they start. The decisions' state is {@code notifier-streams} (service-support's
 * StreamsRunner).
 */
@Singleton
public final class NotifierHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final NotifierService service;

    public NotifierHealthIndicator(final NotifierService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final boolean alive = service.sendersAlive();
        healthStatus = !service.sendersStarted() ? HealthStatus.UNKNOWN : alive ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("senders", alive ? "RUNNING" : "STOPPED");
    }

    @Override
    protected String getName() {
        return "notifier-senders";
    }
}
