package io.restock.notifier.service;

import io.micronaut.context.annotation.Factory;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;

/**
 * The decisions' {@link StreamsRunner} as a bean, for its {@code notifier-streams} health indicator. The
 * {@link NotifierService} makes, starts (after creating the notifier's topics) and closes it.
 */
@Factory
final class NotifierFactory {

    @Singleton
    StreamsRunner decisions(final NotifierService service) {
        return service.decisions();
    }
}
