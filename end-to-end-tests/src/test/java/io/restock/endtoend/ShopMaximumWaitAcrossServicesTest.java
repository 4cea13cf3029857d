package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.LineBackordered;
import io.restock.events.LineRejected;
import io.restock.events.OrderEvent;
import io.restock.events.RejectionReason;
import io.restock.orderintake.shops.ShopConfiguration;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOMAIN.md rule 3, the tightest maximum wait that is set (the SKU's, the customer's or the shop's), through
 * order-intake's Kafka entrance (its real topology, with shops configured as
 * {@code restock.shops.<id>.max-wait-days}) into inventory-stream and backorder-processor ({@link TwoServices}),
 * wired by topics. The tighter limit wins: the shop's caps the customer's
 * on the order, inventory-stream takes the tighter of that and the SKU's own (or the default).
 */
class ShopMaximumWaitAcrossServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");

    private TwoServices services;
    private TopologyTestDriver intake;
    private TestOutputTopic<String, OrderEvent> orderEvents;

    private static ShopConfiguration shop(final String id, final String apiKeyHash, final String maxWaitDays) {
        return new ShopConfiguration(id, apiKeyHash, 200, null, maxWaitDays);
    }

    @BeforeEach
    void start() throws Exception {
        services = new TwoServices(PromiseSettings.defaults(), T0);
        final ShopDirectory shops = new ShopDirectory(List.of(shop("tight-shop", "a".repeat(64), "5"),
                shop("loose-shop", "b".repeat(64), "30")));
        final EventSerdes serdes = EventSerdes.plain();
        intake = OrderIntakeDriver.start(serdes, shops, T0);
        orderEvents = intake.createOutputTopic(Topics.ORDER_EVENTS.name(), Serdes.String().deserializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).deserializer());
    }

    @AfterEach
    void stop() {
        intake.close();
        services.close();
    }

    /** A shop's JSON order on its shops.<shopId>.order-submissions; the customer sets no maximum wait of their own. */
    private void order(final String shopId, final String orderId, final String sku, final Instant at) {
        final String json = """
                {"type": "OrderPlaced", "shopId": "%s", "order": {"orderId": "%s",
                 "customer": {"id": "c-%s", "email": "c@example.com"}, "currency": "EUR", "placedAt": "%s",
                 "lines": [{"lineId": "1", "sku": "%s", "quantity": 2, "unitPrice": "10.00"}]}}"""
                .formatted(shopId, orderId, orderId, T0, sku);
        intake.createInputTopic(Topics.shopSubmissions(shopId).name(), new ByteArraySerializer(),
                new ByteArraySerializer()).pipeInput(orderId.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), at);
        orderEvents.readKeyValuesToList().forEach(kv -> services.orderEvent(kv.key, kv.value, at));
    }

    private Object decision(final String orderId) {
        return services.lineEvents().stream()
                .filter(e -> e instanceof LineBackordered b && b.getOrderId().equals(orderId)
                        || e instanceof LineRejected r && r.getOrderId().equals(orderId))
                .findFirst().orElseThrow(() -> new AssertionError("no decision for " + orderId));
    }

    @Test
    void aBackorderBeyondTheShopsMaximumWaitIsRejectedWaitTooLong() {
        // Nothing in stock; the supplier's 7 days + 1 handling day: day 8, within the SKU's 10.
        services.policy("SKU-1", 10, 0, 0, 1, T0);
        services.offer("a", "SKU-1", 7, "5.00", 1, 1, T0);

        order("tight-shop", "O-TIGHT", "SKU-1", T0.plusSeconds(10));
        order("loose-shop", "O-LOOSE", "SKU-1", T0.plusSeconds(11));

        assertThat(decision("O-TIGHT")).isInstanceOfSatisfying(LineRejected.class,
                r -> assertThat(r.getReason()).isEqualTo(RejectionReason.WAIT_TOO_LONG));
        assertThat(decision("O-LOOSE")).isInstanceOfSatisfying(LineBackordered.class,
                b -> assertThat(b.getPromisedDate()).isEqualTo(DAY0.plusDays(8)));
    }

    @Test
    void theSkusOwnMaximumWaitStillAppliesWhenTheShopsIsLonger() {
        // 12 days + 1: beyond the SKU's 10 though within loose-shop's 30.
        services.policy("SKU-2", 10, 0, 0, 1, T0);
        services.offer("a", "SKU-2", 12, "5.00", 1, 1, T0);

        order("loose-shop", "O-SKU-LIMIT", "SKU-2", T0.plusSeconds(10));

        assertThat(decision("O-SKU-LIMIT")).isInstanceOfSatisfying(LineRejected.class,
                r -> assertThat(r.getReason()).isEqualTo(RejectionReason.WAIT_TOO_LONG));
    }
}
