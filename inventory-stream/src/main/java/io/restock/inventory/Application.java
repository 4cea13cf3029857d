package io.restock.inventory;

import io.micronaut.runtime.Micronaut;

/**
 * inventory-stream: the allocation engine (Kafka Streams, exactly-once) and its HTTP edges: stock and
 * backorder-queue reads ({@code /skus}), the warehouse's entrance ({@code /warehouse}) and SKU
 * policies ({@code /catalog}). HTTP port 8082 ({@code INVENTORY_STREAM_PORT}). See inventory-stream/README.md.
 */
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
