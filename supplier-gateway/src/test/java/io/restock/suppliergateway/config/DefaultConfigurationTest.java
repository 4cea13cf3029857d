package io.restock.suppliergateway.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.restock.kafkatest.ShippedConfiguration;
import io.restock.service.streams.AdvertisedServer;
import io.restock.suppliergateway.topology.GatewayTopology;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped application.yml's defaults ({@link ShippedConfiguration}). */
class DefaultConfigurationTest {

    @Test
    void withNothingSetTheServiceUsesTheLocalKafkaAndRegistry() {
        ShippedConfiguration.assertLocalKafkaAndRegistry("supplier-gateway");
    }

    @Test
    void supplierMessageIdsAreRememberedAsLongAsTheAnswersTopicKeepsThem() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            final Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty("supplier-gateway.answers.message-id-retention", Duration.class))
                    .contains(GatewayTopology.DEFAULT_MESSAGE_ID_RETENTION);
        }
    }

    @Test
    void withNoAdvertisedServerSetOtherInstancesReachThisOneOnLoopbackAtTheHttpPort() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            final Environment environment = context.getEnvironment().start();
            final String configured = environment.getProperty("supplier-gateway.streams.application-server", String.class)
                    .orElse(null);
            final int port = environment.getProperty("micronaut.server.port", Integer.class).orElseThrow();
            assertThat(AdvertisedServer.resolve(configured, port)).isEqualTo(
                    System.getenv().getOrDefault("SUPPLIER_GATEWAY_ADVERTISED_SERVER", "127.0.0.1:" + port));
            assertThat(environment.getProperty("supplier-gateway.http.forward-timeout", Duration.class))
                    .get().matches(t -> t.compareTo(environment.getProperty("supplier-gateway.producer.delivery-timeout",
                            Duration.class).orElseThrow()) > 0, "longer than the owner's wait for Kafka");
        }
    }

    @Test
    void theStreamsBlockKeepsOneThreadAndATenSecondSessionTimeout() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            final Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty("supplier-gateway.streams.threads", Integer.class)).contains(1);
            assertThat(environment.getProperty("supplier-gateway.streams.config.consumer.session.timeout.ms",
                    Integer.class)).contains(10_000);
            assertThat(environment.containsProperties("kafka.streams.default")).isFalse();
        }
    }
}
