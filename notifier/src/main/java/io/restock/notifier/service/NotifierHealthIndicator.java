package io.restock.notifier.service;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.restock.service.streams.StreamsHealth;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** {@code /health}: DOWN when the decisions stream failed or a sender thread died, UP when running, else UNKNOWN. */
@Singleton
public final class NotifierHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final NotifierService service;

    public NotifierHealthIndicator(final NotifierService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State state = service.state();
        final boolean senders = service.sendersAlive();
        final HealthStatus decisions = StreamsHealth.of(state);
        healthStatus = decisions == HealthStatus.UP && !senders ? HealthStatus.DOWN : decisions;
        return Map.of("decisions", state.name(), "senders", senders ? "RUNNING" : "STOPPED");
    }

    @Override
    protected String getName() {
        return "notifier";
    }
}
