package io.restock.orderintake.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restock.kafkatest.Closeables;
import io.restock.kafkatest.TopicReader;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.orderintake.SampleOrders;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static io.restock.orderintake.it.IntakeApp.SHOP_B_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shops' side of the availability quote and the per-shop maximum wait, on the real order-intake (HTTP server,
 * real broker and registry). shop-b accepts at most 5 days' wait; shop-a sets none.
 *
 * <p>inventory-stream, which computes the quote, is not in this module: here a plain HTTP server on a free port
 * stands in for it, answering what inventory-stream answers and recording the query order-intake sent. The
 * computation itself, with the date the order then gets, is inventory-stream's {@code AvailabilityQuoteIT}.
 */
@RestockKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopQuoteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUOTE = """
            {"sku":"%s","quantity":%s,"status":"BACKORDERABLE","inStock":4,"backordered":1,"rejected":0,
             "promisedDate":"2026-12-10","maxWaitDays":%s,"asOf":"2026-12-06T08:00:00Z","servedBy":"10.0.0.7:8082"}""";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<String> queries = new CopyOnWriteArrayList<>();
    KafkaEnvironment kafka;
    HttpServer inventory;
    IntakeApp app;
    IntakeApp withoutInventory;

    @BeforeAll
    void start(final KafkaEnvironment kafka, @TempDir final Path stateDir, @TempDir final Path otherStateDir)
            throws IOException {
        this.kafka = kafka;
        IntakeApp.provision(kafka.bootstrapServers(), kafka.schemaRegistryUrl());
        inventory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inventory.createContext("/skus/", exchange -> {
            final String query = exchange.getRequestURI().getRawQuery();
            queries.add(exchange.getRequestURI().getRawPath() + "?" + query);
            final Map<String, String> params = new java.util.HashMap<>();
            for (final String pair : query.split("&")) {
                final String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            final String sku = exchange.getRequestURI().getRawPath().split("/")[2];
            final byte[] body = QUOTE.formatted(sku, params.get("quantity"), params.getOrDefault("maxWaitDays", "null"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        inventory.start();
        final Map<String, Object> shops = Map.of("restock.shops.shop-b.max-wait-days", "5");
        final Map<String, Object> settings = new java.util.HashMap<>(shops);
        settings.put("order-intake.inventory-stream.url", "http://127.0.0.1:" + inventory.getAddress().getPort());
        app = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), stateDir, settings);
        final Map<String, Object> down = new java.util.HashMap<>(shops);
        down.put("order-intake.inventory-stream.url", "http://127.0.0.1:" + IntakeApp.freePort());
        withoutInventory = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), otherStateDir, down);
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(app, withoutInventory, inventory == null ? null : () -> inventory.stop(0));
    }

    @Test
    void aShopsQuoteIsAskedWithTheTighterOfItsAndTheCustomersMaximumWait() throws Exception {
        final HttpResponse<String> capped = app.get("/skus/KETTLE-" + run + "/availability?quantity=5&maxWaitDays=20",
                SHOP_B_KEY);
        final HttpResponse<String> customers = app.get("/skus/KETTLE-" + run + "/availability?quantity=5&maxWaitDays=3",
                SHOP_B_KEY);
        final HttpResponse<String> noShopLimit = app.get("/skus/KETTLE-" + run + "/availability?quantity=5",
                SHOP_A_KEY);

        assertThat(capped.statusCode()).as(capped.body()).isEqualTo(200);
        assertThat(JSON.readTree(capped.body()).get("maxWaitDays").asInt()).isEqualTo(5);
        assertThat(JSON.readTree(customers.body()).get("maxWaitDays").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(noShopLimit.body()).get("maxWaitDays").isNull()).isTrue();
        assertThat(queries).contains("/skus/KETTLE-" + run + "/availability?quantity=5&maxWaitDays=5",
                "/skus/KETTLE-" + run + "/availability?quantity=5&maxWaitDays=3",
                "/skus/KETTLE-" + run + "/availability?quantity=5");
    }

    @Test
    void theQuoteIsRelayedWithoutTheInternalInstanceName() throws Exception {
        final HttpResponse<String> response = app.get("/skus/MUG-" + run + "/availability?quantity=5", SHOP_A_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode quote = JSON.readTree(response.body());
        assertThat(quote.get("status").asText()).isEqualTo("BACKORDERABLE");
        assertThat(quote.get("promisedDate").asText()).isEqualTo("2026-12-10");
        assertThat(quote.has("servedBy")).isFalse();
    }

    @Test
    void aQuoteNeedsTheShopsKey() {
        final HttpResponse<String> response = app.get("/skus/MUG-" + run + "/availability?quantity=5", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource({"'', quantity", "quantity=0, quantity", "quantity=-1, quantity", "quantity=many, quantity",
            "quantity=2&maxWaitDays=x, maxWaitDays"})
    void aBadQuantityIsProblemJson400AndInventoryIsNotAsked(final String query, final String field) throws Exception {
        final String sku = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        final HttpResponse<String> response = app.get("/skus/" + sku + "/availability?" + query, SHOP_A_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        final JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:restock:problem:validation-failed");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly(field);
        assertThat(queries).noneMatch(q -> q.contains(sku));
    }

    @Test
    void aQuoteWhileInventoryStreamIsDownIs503ProblemJsonWithRetryAfter() throws Exception {
        final HttpResponse<String> response = withoutInventory.get("/skus/MUG-" + run + "/availability?quantity=5",
                SHOP_A_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(response.body()).get("type").asText())
                .isEqualTo("urn:restock:problem:temporarily-unavailable");
    }

    @Test
    void anOrderOfAShopWithAMaximumWaitCarriesTheTighterOfTheCustomersAndTheShops() {
        // SampleOrders' customer accepts 14 days: shop-b's 5 wins; shop-a sets none, so 14 stays.
        final String capped = run + "-capped";
        final String uncapped = run + "-uncapped";
        assertThat(app.createOrder(SHOP_B_KEY, "key-" + capped, SampleOrders.validOrder(capped)).statusCode())
                .isEqualTo(202);
        assertThat(app.createOrder(SHOP_A_KEY, "key-" + uncapped, SampleOrders.validOrder(uncapped)).statusCode())
                .isEqualTo(202);

        final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        final Map<String, Integer> maxWaits = new java.util.HashMap<>();
        TopicReader.read(kafka.bootstrapServers(), Topics.ORDER_EVENTS.name(),
                        Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(), k -> k.startsWith(run + "-"), 2)
                .forEach(r -> maxWaits.put(r.key(), ((OrderPlaced) ((OrderEvent) r.value()).getEvent()).getMaxWaitDays()));
        assertThat(maxWaits).containsEntry(capped, 5).containsEntry(uncapped, 14);
    }
}
