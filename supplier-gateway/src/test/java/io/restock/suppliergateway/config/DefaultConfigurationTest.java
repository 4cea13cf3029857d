package io.restock.suppliergateway.config;

import io.micronaut.context.ApplicationContext;
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
        assertThat(ShippedConfiguration.property("supplier-gateway.answers.message-id-retention", Duration.class))
                .contains(GatewayTopology.DEFAULT_MESSAGE_ID_RETENTION);
    }

    @Test
    void withNoAdvertisedServerSetOtherInstancesReachThisOneOnLoopbackAtTheHttpPort() {
        ShippedConfiguration.assertAdvertisedServerIsLoopbackAtTheHttpPort("supplier-gateway", AdvertisedServer::resolve);
        final Duration ownersWaitForKafka = ShippedConfiguration.property("supplier-gateway.producer.delivery-timeout",
                Duration.class).orElseThrow();
        assertThat(ShippedConfiguration.property("supplier-gateway.http.forward-timeout", Duration.class))
                .get().matches(t -> t.compareTo(ownersWaitForKafka) > 0, "longer than the owner's wait for Kafka");
    }

    @Test
    void theStreamsBlockKeepsOneThreadAndATenSecondSessionTimeout() {
        assertThat(ShippedConfiguration.property("supplier-gateway.streams.threads", Integer.class)).contains(1);
        assertThat(ShippedConfiguration.property("supplier-gateway.streams.config.consumer.session.timeout.ms",
                Integer.class)).contains(10_000);
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            assertThat(context.getEnvironment().start().containsProperties("kafka.streams.default")).isFalse();
        }
    }
}
