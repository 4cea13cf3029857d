package io.restock.kpis;

import io.micronaut.runtime.Micronaut;

/**
 * backorder-kpis: the operators' view of Restock. Computes the backorder KPIs of DOMAIN.md rule 11 from the
 * event topics (Kafka Streams, exactly-once), measures every Restock consumer group's lag, and serves both as
 * Prometheus metrics, a JSON API and a live dashboard on port 8086 (BACKORDER_KPIS_PORT). See
 * backorder-kpis/README.md.
 */
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
