package io.restock.inventory.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.InboundArrival;
import io.restock.events.InboundSupply;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.NextOrder;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuSupply;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The availability quote ({@code GET /skus/{sku}/availability}) on the running service over real HTTP, with a real
 * broker and registry: the date it quotes is the date the same order then gets in its {@code LineBackordered}
 * through the real topology; in stock, not available with substitutes, the quote's maximum wait, bad parameters.
 * Supply is backorder-processor's schedule, published on {@code promises.sku-supply} as that service would.
 */
@RestockKafka
class AvailabilityQuoteIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static RunningService service;
    private static KafkaConsumer<String, LineEvent> lineEvents;
    private static final Map<String, LineBackordered> backordered = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(final KafkaEnvironment kafka) {
        RunningService.provision(kafka);
        service = RunningService.start(kafka, RunningService.newApplicationId(), Map.of());
        await().atMost(WAIT).until(() -> service.get("/skus/never-seen/stock").status() == 404);
        final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("quote-it-" + UUID.randomUUID()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        lineEvents = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.LINE_EVENTS.valueSerde(service.serdes).deserializer());
        lineEvents.subscribe(List.of(Topics.LINE_EVENTS.name()));
    }

    @AfterAll
    static void stop() {
        if (lineEvents != null) {
            lineEvents.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static void policy(final String sku, final boolean backorderable, final int maxWaitDays,
                               final String substitutes) {
        final RunningService.Reply reply = service.put("/catalog/skus/" + sku, """
                {"backorderable": %s, "maxWaitDays": %d, "reorderPoint": 0, "targetLevel": 0, "handlingDays": 1,
                 "substitutes": [%s]}""".formatted(backorderable, maxWaitDays, substitutes));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    }

    private static void receive(final String sku, final int quantity) {
        final RunningService.Reply reply = service.post("/warehouse/receipts", """
                {"movementId": "mv-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": %d}"""
                .formatted(run(), sku, quantity));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    }

    /** backorder-processor's schedule: {@code inbound} units of po-1 arriving on {@code arrives}, then a supplier. */
    private static void schedule(final String sku, final int inbound, final LocalDate arrives, final int nextLead) {
        service.publish(Topics.SKU_SUPPLY, sku, new SkuSupply("supply-" + run(), Instant.now(), sku,
                inbound == 0 ? List.of() : List.of(new InboundSupply("po-1", "1", "acme", inbound, 0,
                        List.of(new InboundArrival(arrives, inbound)))),
                new NextOrder("acme", nextLead, false), inbound, 0L, null, List.of(), null));
    }

    private static JsonNode stockOnceVisible(final String sku, final java.util.function.Predicate<JsonNode> ready) {
        final JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            final RunningService.Reply reply = service.get("/skus/" + sku + "/stock");
            last[0] = reply.status() == 200 ? reply.json() : null;
            return last[0] != null && ready.test(last[0]);
        });
        return last[0];
    }

    private static JsonNode quote(final String sku, final String query) {
        final RunningService.Reply reply = service.get("/skus/" + sku + "/availability?" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static void order(final String orderId, final String sku, final int quantity) {
        final Instant placedAt = Instant.now();
        service.publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                .setEventId("o-" + orderId).setOccurredAt(placedAt).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null)
                        .setTier(CustomerTier.STANDARD).build())
                .setPlacedAt(placedAt).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null)
                .setCurrency("EUR").setLines(List.of(new OrderLine("1", sku, quantity, new BigDecimal("9.9900"))))
                .build()));
    }

    private static LineBackordered backorderOf(final String orderId) {
        await().atMost(WAIT).until(() -> {
            for (final ConsumerRecord<String, LineEvent> r : lineEvents.poll(Duration.ofMillis(200))) {
                if (r.value().getEvent() instanceof LineBackordered b) {
                    backordered.put(r.key(), b);
                }
            }
            return backordered.containsKey(orderId);
        });
        return backordered.get(orderId);
    }

    @Test
    void theQuoteIsTheDateTheOrderGets() {
        final String sku = "quote-" + run();
        policy(sku, true, 30, "");
        receive(sku, 4);
        schedule(sku, 6, today().plusDays(3), 7);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 4 && s.get("onOrder").asInt() == 6);

        // 5 units: 4 now, 1 from the 6 arriving on day 3, plus 1 handling day.
        final JsonNode first = quote(sku, "quantity=5");
        assertThat(first.get("status").asText()).isEqualTo("BACKORDERABLE");
        assertThat(first.get("inStock").asInt()).isEqualTo(4);
        assertThat(first.get("backordered").asInt()).isEqualTo(1);
        assertThat(first.get("promisedDate").asText()).isEqualTo(today().plusDays(4).toString());
        final String firstOrder = "order-" + run();
        order(firstOrder, sku, 5);
        assertThat(backorderOf(firstOrder).getPromisedDate().toString()).isEqualTo(first.get("promisedDate").asText());
        stockOnceVisible(sku, s -> s.get("backordered").asInt() == 1);

        // 7 more: none now, 5 left of the purchase order behind the 1 ahead, 2 from the next order (7 days) + 1.
        final JsonNode second = quote(sku, "quantity=7");
        assertThat(second.get("inStock").asInt()).isZero();
        assertThat(second.get("backordered").asInt()).isEqualTo(7);
        assertThat(second.get("promisedDate").asText()).isEqualTo(today().plusDays(8).toString());
        final String secondOrder = "order-" + run();
        order(secondOrder, sku, 7);
        assertThat(backorderOf(secondOrder).getPromisedDate().toString())
                .isEqualTo(second.get("promisedDate").asText());
    }

    @Test
    void aQuoteForUnitsOnHandIsInStockNow() {
        final String sku = "quote-" + run();
        policy(sku, true, 30, "");
        receive(sku, 10);
        stockOnceVisible(sku, s -> s.get("available").asInt() == 10);

        final JsonNode quote = quote(sku, "quantity=10");

        assertThat(quote.get("status").asText()).isEqualTo("IN_STOCK");
        assertThat(quote.get("inStock").asInt()).isEqualTo(10);
        assertThat(quote.get("backordered").asInt()).isZero();
        assertThat(quote.has("promisedDate")).isFalse();
        assertThat(quote.get("servedBy").asText()).isEqualTo(service.baseUrl.substring("http://".length()));
    }

    @Test
    void aQuoteBeyondTheMaximumWaitIsNotAvailableWithUpToThreeInStockSubstitutes() {
        final String sku = "quote-" + run();
        final List<String> subs = List.of(sku + "-none", sku + "-a", sku + "-b", sku + "-c", sku + "-d");
        for (final String sub : subs) {
            policy(sub, false, 30, "");
            if (!sub.endsWith("-none")) {
                receive(sub, 3);
            }
        }
        policy(sku, true, 30, String.join(", ", subs.stream().map(s -> "\"" + s + "\"").toList()));
        receive(sku, 2);
        schedule(sku, 0, null, 40);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 2);
        await().atMost(WAIT).until(() -> quote(sku, "quantity=5").path("substitutes").size() == 3);

        final JsonNode quote = quote(sku, "quantity=5");

        assertThat(quote.get("status").asText()).isEqualTo("NOT_AVAILABLE");
        assertThat(quote.get("reason").asText()).isEqualTo("WAIT_TOO_LONG");
        assertThat(quote.get("inStock").asInt()).isEqualTo(2);
        assertThat(quote.get("rejected").asInt()).isEqualTo(3);
        assertThat(quote.get("substitutes")).extracting(s -> s.get("sku").asText())
                .containsExactly(sku + "-a", sku + "-b", sku + "-c");
        assertThat(quote.get("substitutes")).extracting(s -> s.get("available").asInt()).containsOnly(3);
    }

    @Test
    void theQuotesMaximumWaitAppliesAndTheSkusOwnStillApplies() {
        final String sku = "quote-" + run();
        policy(sku, true, 10, "");
        schedule(sku, 0, null, 7);
        stockOnceVisible(sku, s -> s.has("onHand"));
        await().atMost(WAIT).until(() -> "BACKORDERABLE".equals(quote(sku, "quantity=1").get("status").asText()));

        // 7 days' lead + 1 handling = day 8: within the SKU's 10, beyond a shop's 5, within a shop's 20.
        assertThat(quote(sku, "quantity=1").get("promisedDate").asText()).isEqualTo(today().plusDays(8).toString());
        final JsonNode tight = quote(sku, "quantity=1&maxWaitDays=5");
        assertThat(tight.get("reason").asText()).isEqualTo("WAIT_TOO_LONG");
        assertThat(tight.get("maxWaitDays").asInt()).isEqualTo(5);
        assertThat(quote(sku, "quantity=1&maxWaitDays=20").get("status").asText()).isEqualTo("BACKORDERABLE");

        schedule(sku, 0, null, 12);
        await().atMost(WAIT).until(() -> "NOT_AVAILABLE".equals(quote(sku, "quantity=1&maxWaitDays=20")
                .get("status").asText()));
        assertThat(quote(sku, "quantity=1&maxWaitDays=20").get("reason").asText()).isEqualTo("WAIT_TOO_LONG");
    }

    @Test
    void aSkuThatIsNotBackorderableOrUnknownIsNotAvailableForThatReason() {
        final String sku = "quote-" + run();
        policy(sku, false, 30, "");
        receive(sku, 1);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 1);

        final JsonNode notBackorderable = quote(sku, "quantity=2");
        assertThat(notBackorderable.get("reason").asText()).isEqualTo("NOT_BACKORDERABLE");
        assertThat(notBackorderable.get("inStock").asInt()).isEqualTo(1);
        final JsonNode unknown = quote("never-seen-" + run(), "quantity=2");
        assertThat(unknown.get("status").asText()).isEqualTo("NOT_AVAILABLE");
        assertThat(unknown.get("reason").asText()).isEqualTo("UNKNOWN_SKU");
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource({"'', quantity", "quantity=, quantity", "quantity=0, quantity", "quantity=-2, quantity",
            "quantity=two, quantity", "quantity=3&maxWaitDays=0, maxWaitDays", "quantity=3&tier=GOLDEN, tier"})
    void aBadQuoteIsProblemJson400NamingTheParameter(final String query, final String field) {
        final RunningService.Reply reply = service.get("/skus/any-sku/availability?" + query);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:restock:problem:validation-failed");
        assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactly(field);
    }
}
