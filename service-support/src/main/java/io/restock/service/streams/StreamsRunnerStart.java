package io.restock.service.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Starts every {@link StreamsRunner} bean of the service once the application has started, except those whose owner
 * starts them ({@link StreamsRunner#startedByOwner}). {@code restock.streams.start: false} leaves them all CREATED
 * (a test of a service before its streams run).
 */
@Singleton
@Requires(property = "restock.streams.start", notEquals = "false")
final class StreamsRunnerStart implements ApplicationEventListener<StartupEvent> {

    private final List<StreamsRunner> runners;

    StreamsRunnerStart(final List<StreamsRunner> runners) {
        this.runners = runners;
    }

    @Override
    public void onApplicationEvent(final StartupEvent event) {
        runners.stream().filter(StreamsRunner::startsWithApplication).forEach(StreamsRunner::start);
    }
}
