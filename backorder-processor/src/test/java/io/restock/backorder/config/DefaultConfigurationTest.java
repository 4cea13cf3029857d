package io.restock.backorder.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.restock.kafkatest.ShippedConfiguration;
import io.restock.service.streams.AdvertisedServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped application.yml's defaults ({@link ShippedConfiguration}). */
class DefaultConfigurationTest {

    @Test
    void withNothingSetTheServiceUsesTheLocalKafkaAndRegistry() {
        ShippedConfiguration.assertLocalKafkaAndRegistry("backorder-processor");
    }

    @Test
    void withNoAdvertisedServerSetOtherInstancesReachThisOneOnLoopbackAtTheHttpPort() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            final Environment environment = context.getEnvironment().start();
            final String configured = environment.getProperty("backorder-processor.streams.application-server",
                    String.class).orElse(null);
            final int port = environment.getProperty("micronaut.server.port", Integer.class).orElseThrow();
            assertThat(AdvertisedServer.resolve(configured, port)).isEqualTo(
                    System.getenv().getOrDefault("BACKORDER_PROCESSOR_ADVERTISED_SERVER", "127.0.0.1:" + port));
        }
    }
}
