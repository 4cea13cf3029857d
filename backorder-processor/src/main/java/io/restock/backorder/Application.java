package io.restock.backorder;

import io.micronaut.runtime.Micronaut;

/**
 * backorder-processor: purchase orders and delivery promises (Kafka Streams, exactly-once), with an
 * HTTP API on port 8083 (BACKORDER_PROCESSOR_PORT): reads and the supplier-offer catalogue. See
 * backorder-processor/README.md.
 */
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
