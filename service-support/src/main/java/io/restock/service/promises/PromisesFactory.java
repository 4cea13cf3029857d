package io.restock.service.promises;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.restock.allocation.rules.PromiseSettings;
import jakarta.inject.Singleton;

/**
 * Binds the shared {@code restock.promises} block of application.yml (the same in every service that ranks a SKU's
 * queue or dates its lines: inventory-stream and backorder-processor; end-to-end-tests'
 * {@code PromiseConfigurationAgreementTest} checks the shipped files agree) to the one {@link PromiseSettings} bean,
 * through {@link PromiseSettings#parse}: an unknown rule or zone fails at start. A service that never injects it
 * needs no such block.
 */
@Factory
final class PromisesFactory {

    @Singleton
    PromiseSettings promiseSettings(@Value("${restock.promises.priority-rule}") final String rule,
                                    @Value("${restock.promises.weights.tier}") final double tierWeight,
                                    @Value("${restock.promises.weights.value}") final double valueWeight,
                                    @Value("${restock.promises.weights.waiting-per-day}") final double waitingPerDay,
                                    @Value("${restock.promises.time-zone}") final String zone,
                                    @Value("${restock.promises.default-max-wait-days}") final int defaultMaxWaitDays) {
        return PromiseSettings.parse(rule, tierWeight, valueWeight, waitingPerDay, zone, defaultMaxWaitDays);
    }
}
