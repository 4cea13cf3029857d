package io.restock.orderintake.status;

import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.restock.service.streams.StreamsHealth;
import jakarta.inject.Singleton;

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
        healthStatus = StreamsHealth.of(streams.state());
        return streams.describe();
    }

    @Override
    protected String getName() {
        return "order-intake-streams";
    }
}
