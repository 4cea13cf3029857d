package io.restock.kpis.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The {@code backorder-kpis.streams} block of application.yml.
 *
 * @param applicationId     the application id ({@value KpiStreams#APPLICATION_ID} unless a test or a deployment
 *                          sets another)
 * @param stateDir          where the stores live
 * @param applicationServer this instance's {@code host:port} for the other instances (empty: {@code 127.0.0.1:<HTTP
 *                          port>}, right on one machine only)
 */
@ConfigurationProperties("backorder-kpis.streams")
public record KpiStreamsProperties(@Bindable(defaultValue = KpiStreams.APPLICATION_ID) String applicationId,
                                   String stateDir,
                                   @Nullable String applicationServer) {
}
