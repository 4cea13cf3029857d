package io.restock.orderintake.status;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code order-intake.streams} block of application.yml (the status view's Kafka Streams application).
 * Partitions are not configured: they are {@code orders.order-events}' in the topic catalogue.
 *
 * @param applicationId     {@code order-intake} unless a test or a deployment sets another
 * @param stateDir          where the {@code order-views} store lives
 * @param applicationServer this instance's {@code host:port} for the other instances (empty: {@code 127.0.0.1:<HTTP
 *                          port>}, right on one machine only)
 * @param commitInterval    the view's commit interval
 * @param cacheMaxBytes     the record cache (the view keeps none)
 * @param fetchMinBytes     the main consumer's {@code fetch.min.bytes}
 * @param fetchMaxWait      the main consumer's {@code fetch.max.wait.ms}
 */
@ConfigurationProperties("order-intake.streams")
public record StatusStreamsProperties(@Bindable(defaultValue = "order-intake") String applicationId,
                                      String stateDir,
                                      @Nullable String applicationServer,
                                      @Bindable(defaultValue = "100ms") Duration commitInterval,
                                      @Bindable(defaultValue = "33554432") long cacheMaxBytes,
                                      @Bindable(defaultValue = "1") int fetchMinBytes,
                                      @Bindable(defaultValue = "500ms") Duration fetchMaxWait) {
}
