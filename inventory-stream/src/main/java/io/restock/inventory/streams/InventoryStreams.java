package io.restock.inventory.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

/**
 * Starts inventory-stream's Kafka Streams application (the {@link StreamsRunner} of {@link InventoryStreamsFactory})
 * once the service has started; {@code inventory-stream.streams.start: false} leaves it CREATED (a test of the
 * service before RUNNING).
 */
@Singleton
@Requires(property = "inventory-stream.streams.start", notEquals = "false")
final class InventoryStreams {

    private final StreamsRunner runner;

    InventoryStreams(final StreamsRunner runner) {
        this.runner = runner;
    }

    @EventListener
    void start(final StartupEvent event) {
        runner.start();
    }
}
