package io.restock.orderintake.config;

import io.micronaut.context.ApplicationContext;
import io.restock.kafkatest.ShippedConfiguration;
import io.restock.orderintake.quote.InventoryQuotes;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.service.streams.AdvertisedServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped application.yml's defaults ({@link ShippedConfiguration}). */
class DefaultConfigurationTest {

    /** These tests start no broker: the shops' topics are not created at startup. */
    private static final String NO_KAFKA_AT_STARTUP = "order-intake.shop-topics.create";

    @Test
    void withNothingSetTheServiceUsesTheLocalKafkaAndRegistry() {
        ShippedConfiguration.assertLocalKafkaAndRegistry("order-intake");
    }

    @Test
    void withNothingSetTheAdvertisedServerIsTheLoopbackAddressAndTheHttpPort() {
        assertThat(ShippedConfiguration.property("micronaut.server.port", Integer.class))
                .contains(Integer.valueOf(System.getenv().getOrDefault("ORDER_INTAKE_PORT", "8080")));
        ShippedConfiguration.assertAdvertisedServerIsLoopbackAtTheHttpPort("order-intake", AdvertisedServer::resolve);
    }

    @Test
    void withNothingSetNoShopSetsAMaximumWaitAndQuotesGoToTheLocalInventoryStream() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(java.util.Map.of(NO_KAFKA_AT_STARTUP, false)).start()) {
            final ShopDirectory shops = context.getBean(ShopDirectory.class);
            assertThat(shops.isKnown("demo-shop")).isTrue();
            assertThat(shops.maxWaitDays("demo-shop"))
                    .isEqualTo(blankToNull(System.getenv("DEMO_SHOP_MAX_WAIT_DAYS")));
            assertThat(shops.maxWaitDays("other-shop"))
                    .isEqualTo(blankToNull(System.getenv("OTHER_SHOP_MAX_WAIT_DAYS")));
            assertThat(context.getBean(InventoryQuotes.class).base())
                    .isEqualTo(System.getenv().getOrDefault("INVENTORY_STREAM_URL", "http://127.0.0.1:8082"));
        }
    }

    @Test
    void aShopsMaximumWaitIsReadFromItsSetting() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(java.util.Map.of("restock.shops.demo-shop.max-wait-days", "12", NO_KAFKA_AT_STARTUP, false))
                .start()) {
            assertThat(context.getBean(ShopDirectory.class).maxWaitDays("demo-shop")).isEqualTo(12);
        }
    }

    private static Integer blankToNull(final String value) {
        return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }
}
