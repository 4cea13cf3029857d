package io.restock.inventory.config;

import io.restock.kafkatest.ShippedConfiguration;
import org.junit.jupiter.api.Test;


/** The shipped application.yml's defaults ({@link ShippedConfiguration}). */
class DefaultConfigurationTest {

    @Test
    void withNothingSetTheServiceUsesTheLocalKafkaAndRegistry() {
        ShippedConfiguration.assertLocalKafkaAndRegistry("inventory-stream");
    }
}
