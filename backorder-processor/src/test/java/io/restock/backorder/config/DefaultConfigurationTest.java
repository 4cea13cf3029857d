package io.restock.backorder.config;

import io.restock.kafkatest.ShippedConfiguration;
import io.restock.service.streams.AdvertisedServer;
import org.junit.jupiter.api.Test;

/** The shipped application.yml's defaults ({@link ShippedConfiguration}). */
class DefaultConfigurationTest {

    @Test
    void withNothingSetTheServiceUsesTheLocalKafkaAndRegistry() {
        ShippedConfiguration.assertLocalKafkaAndRegistry("backorder-processor");
    }

    @Test
    void withNoAdvertisedServerSetOtherInstancesReachThisOneOnLoopbackAtTheHttpPort() {
        ShippedConfiguration.assertAdvertisedServerIsLoopbackAtTheHttpPort("backorder-processor",
                AdvertisedServer::resolve);
    }
}
