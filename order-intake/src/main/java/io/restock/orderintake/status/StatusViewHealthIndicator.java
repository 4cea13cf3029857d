package io.restock.orderintake.status;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** {@code /health}: UP when the Streams application is RUNNING, DOWN when it failed, UNKNOWN in between. */
@Singleton
public final class StatusViewHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StatusStreams streams;

    public StatusViewHealthIndicator(final StatusStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State state = streams.state();
        healthStatus = switch (state) {
            case RUNNING -> HealthStatus.UP;
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> HealthStatus.DOWN;
            default -> HealthStatus.UNKNOWN;
        };
        return streams.describe();
    }

    @Override
    protected String getName() {
        return "order-intake-streams";
    }
}
