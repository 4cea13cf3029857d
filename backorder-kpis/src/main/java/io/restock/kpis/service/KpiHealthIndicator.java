package io.restock.kpis.service;

import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.restock.service.streams.StreamsHealth;
import jakarta.inject.Singleton;

import java.util.Map;

/** {@code /health}: UP when the Streams application is RUNNING, DOWN when it failed, UNKNOWN in between. */
@Singleton
public final class KpiHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final KpiStreams streams;

    public KpiHealthIndicator(final KpiStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = StreamsHealth.of(streams.state());
        return Map.of("state", streams.state().name());
    }

    @Override
    protected String getName() {
        return "backorder-kpis-streams";
    }
}
