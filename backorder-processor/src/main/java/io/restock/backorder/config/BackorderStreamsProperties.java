package io.restock.backorder.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The {@code backorder-processor.streams} block of application.yml.
 *
 * @param applicationId     the application id ({@value BackorderStreamsConfig#APPLICATION_ID} unless a test or a
 *                          deployment sets another)
 * @param stateDir          where the stores live
 * @param applicationServer this instance's {@code host:port} for the other instances (empty: {@code 127.0.0.1:<HTTP
 *                          port>}, right on one machine only)
 */
@ConfigurationProperties("backorder-processor.streams")
public record BackorderStreamsProperties(@Bindable(defaultValue = BackorderStreamsConfig.APPLICATION_ID) String applicationId,
                                         String stateDir,
                                         @Nullable String applicationServer) {
}
