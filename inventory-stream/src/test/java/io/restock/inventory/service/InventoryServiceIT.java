package io.restock.inventory.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.events.SupplierOffer;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running service over real HTTP on a real broker and registry: policies through the catalog API,
 * stock through the warehouse API, orders as events, and the reads reflecting them; the warehouse's
 * idempotency and stock checks; CSV bulk; and the problem+json answers to bad requests.
 */
@RestockKafka
class InventoryServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static RunningService service;

    @BeforeAll
    static void start(final KafkaEnvironment kafka) {
        RunningService.provision(kafka);
        service = RunningService.start(kafka, RunningService.newApplicationId(), Map.of());
        // RUNNING once an unknown SKU answers 404 rather than 503.
        await().atMost(WAIT).until(() -> service.get("/skus/never-seen/stock").status() == 404);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String policy(final boolean backorderable) {
        return """
                {"backorderable": %s, "maxWaitDays": 30, "reorderPoint": 0, "targetLevel": 0, "handlingDays": 1}
                """.formatted(backorderable);
    }

    private static JsonNode stockOnceVisible(final String sku, final java.util.function.Predicate<JsonNode> ready) {
        final JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            final RunningService.Reply reply = service.get("/skus/" + sku + "/stock");
            if (reply.status() != 200) {
                return false;
            }
            last[0] = reply.json();
            return ready.test(last[0]);
        });
        return last[0];
    }

    @Test
    void catalogReceiptAndOrderShowInStockAndBackorderReads() {
        final String sku = "sku-" + run();
        final String orderId = "order-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(true)).status()).isEqualTo(202);
        service.publish(Topics.SUPPLIER_OFFERS, Topics.offerKey("acme", sku), new SupplierOffer("so-" + sku,
                Instant.now(), "acme", sku, 5, new BigDecimal("2.0000"), "EUR", 1, 1, false, 1.0, true));
        final RunningService.Reply receipt = service.post("/warehouse/receipts", """
                {"movementId": "mv-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 10,
                 "purchaseOrderId": "po-1", "purchaseOrderLineId": "1"}""".formatted(sku, sku));
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 10);

        final Instant placedAt = Instant.now();
        service.publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                .setEventId("o-" + orderId).setOccurredAt(placedAt).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null).setTier(CustomerTier.GOLD).build())
                .setPlacedAt(placedAt).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(List.of(new OrderLine("1", sku, 15, new BigDecimal("9.9900")))).build()));

        final JsonNode stock = stockOnceVisible(sku, s -> s.get("backordered").asInt() == 5);
        assertThat(stock.get("onHand").asInt()).isEqualTo(10);
        assertThat(stock.get("allocated").asInt()).isEqualTo(10);
        assertThat(stock.get("available").asInt()).isZero();
        assertThat(Instant.parse(stock.get("asOf").asText())).isAfterOrEqualTo(placedAt);
        assertThat(stock.get("servedBy").asText()).isEqualTo(service.baseUrl.substring("http://".length()));

        final RunningService.Reply queue = service.get("/skus/" + sku + "/backorders");
        assertThat(queue.status()).isEqualTo(200);
        final JsonNode lines = queue.json().get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("orderId").asText()).isEqualTo(orderId);
        assertThat(lines.get(0).get("quantity").asInt()).isEqualTo(5);
        assertThat(lines.get(0).get("promisedDate").asText()).isNotBlank();
        assertThat(queue.json().get("priorityRule").asText()).isEqualTo("FIFO");
    }

    @Test
    void aReplayedMovementIdIsAppliedOnce() {
        final String sku = "sku-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(false)).status()).isEqualTo(202);
        final String receipt = """
                {"movementId": "mv-1-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 5}""".formatted(sku, sku);
        assertThat(service.post("/warehouse/receipts", receipt).status()).isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 5);

        assertThat(service.post("/warehouse/receipts", receipt).status()).isEqualTo(202);
        assertThat(service.post("/warehouse/adjustments", """
                {"movementId": "mv-2-%s", "warehouseId": "wh-1", "sku": "%s", "delta": 1, "reason": "count"}"""
                .formatted(sku, sku)).status()).isEqualTo(202);

        await().atMost(WAIT).until(() -> service.get("/skus/" + sku + "/stock?movementId=mv-2-" + sku)
                .json().path("movementApplied").asBoolean());
        // The replay came before mv-2 on the SKU's partition: had it been applied, on-hand would be 11.
        assertThat(service.get("/skus/" + sku + "/stock").json().get("onHand").asInt()).isEqualTo(6);
    }

    @Test
    void aMovementIdReusedWithAnotherBodyIsRefusedWith422AndTheSameBodyIsAcceptedAgain() {
        final String sku = "sku-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(false)).status()).isEqualTo(202);
        final String receipt = """
                {"movementId": "mv-u-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 5}""".formatted(sku, sku);
        assertThat(service.post("/warehouse/receipts", receipt).status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> service.get("/skus/" + sku + "/stock?movementId=mv-u-" + sku)
                .json().path("movementApplied").asBoolean());

        final RunningService.Reply reused = service.post("/warehouse/receipts", """
                {"movementId": "mv-u-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 7}""".formatted(sku, sku));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asText()).isEqualTo("urn:restock:problem:movement-id-reused");
        assertThat(reused.json().get("errors").get(0).get("field").asText()).isEqualTo("movementId");
        assertThat(service.post("/warehouse/receipts", receipt).status()).isEqualTo(202);
        assertThat(service.get("/skus/" + sku + "/stock").json().get("onHand").asInt()).isEqualTo(5);
    }

    @Test
    void theWarehouseMayReportAShipmentOfACancelledLinesUnitsAndOnHandFollows() {
        final String sku = "sku-" + run();
        final String orderId = "order-w-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(false)).status()).isEqualTo(202);
        assertThat(service.post("/warehouse/receipts", """
                {"movementId": "mv-w-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 10}""".formatted(sku, sku))
                .status()).isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 10);
        final Instant placedAt = Instant.now();
        service.publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                .setEventId("o-" + orderId).setOccurredAt(placedAt).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null).setTier(CustomerTier.GOLD).build())
                .setPlacedAt(placedAt).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(List.of(new OrderLine("1", sku, 6, new BigDecimal("9.9900")))).build()));
        stockOnceVisible(sku, s -> s.get("allocated").asInt() == 6);
        service.publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(new OrderCancellationRequested("c-" + orderId,
                Instant.now(), orderId, "shop-1", List.of("1"), "changed my mind")));
        stockOnceVisible(sku, s -> s.get("allocated").asInt() == 0);

        final String shipment = """
                {"movementId": "mv-ws-%s", "warehouseId": "wh-1", "sku": "%s", "orderId": "%s", "lineId": "1",
                 "quantity": %d}""";
        final RunningService.Reply tooMany = service.post("/warehouse/shipments", shipment.formatted(sku, sku, orderId, 7));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("type").asText()).isEqualTo("urn:restock:problem:exceeds-line");
        assertThat(service.post("/warehouse/shipments", shipment.formatted(sku, sku, orderId, 6)).status())
                .isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 4 && s.get("allocated").asInt() == 0);
    }

    private static void place(final String orderId, final String sku, final int quantity) {
        final Instant placedAt = Instant.now();
        service.publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                .setEventId("o-" + orderId).setOccurredAt(placedAt).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null).setTier(CustomerTier.GOLD).build())
                .setPlacedAt(placedAt).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(List.of(new OrderLine("1", sku, quantity, new BigDecimal("9.9900")))).build()));
    }

    @Test
    void aShipmentOfUnitsALineStillWaitsForIsAcceptedAndOneBeyondTheLineOrOnHandIsRefused() {
        final String sku = "sku-" + run();
        final String a = "order-a-" + run();
        final String b = "order-b-" + run();
        final String c = "order-c-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(true)).status()).isEqualTo(202);
        service.publish(Topics.SUPPLIER_OFFERS, Topics.offerKey("acme", sku), new SupplierOffer("so-" + sku,
                Instant.now(), "acme", sku, 5, new BigDecimal("2.0000"), "EUR", 1, 1, false, 1.0, true));
        assertThat(service.post("/warehouse/receipts", """
                {"movementId": "mv-r-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 4}""".formatted(sku, sku))
                .status()).isEqualTo(202);
        // the offer has reached the SKU's writer once a quote beyond stock is backorderable
        await().atMost(WAIT).until(() -> "BACKORDERABLE".equals(
                service.get("/skus/" + sku + "/availability?quantity=5").json().path("status").asText()));
        place(a, sku, 3);
        stockOnceVisible(sku, s -> s.get("allocated").asInt() == 3);
        place(b, sku, 3);                                   // 1 allocated, 2 backordered
        stockOnceVisible(sku, s -> s.get("allocated").asInt() == 4 && s.get("backordered").asInt() == 2);
        place(c, sku, 5);                                   // 5 backordered
        stockOnceVisible(sku, s -> s.get("backordered").asInt() == 7);
        final String shipment = """
                {"movementId": "mv-s-%s", "warehouseId": "wh-1", "sku": "%s", "orderId": "%s", "lineId": "1",
                 "quantity": %d}""";

        final RunningService.Reply beyondTheLine = service.post("/warehouse/shipments",
                shipment.formatted(b + "-4", sku, b, 4));
        assertThat(beyondTheLine.status()).isEqualTo(422);
        assertThat(beyondTheLine.json().get("type").asText()).isEqualTo("urn:restock:problem:exceeds-line");
        final RunningService.Reply beyondOnHand = service.post("/warehouse/shipments",
                shipment.formatted(c + "-5", sku, c, 5));
        assertThat(beyondOnHand.status()).isEqualTo(422);
        assertThat(beyondOnHand.json().get("type").asText()).isEqualTo("urn:restock:problem:exceeds-on-hand");

        // b's 1 allocated unit and 2 it waits for left the shelf: a (placed first) gives 2 back
        assertThat(service.post("/warehouse/shipments", shipment.formatted(b + "-3", sku, b, 3)).status())
                .isEqualTo(202);
        final JsonNode after = stockOnceVisible(sku, s -> s.get("onHand").asInt() == 1);
        assertThat(after.get("allocated").asInt()).isEqualTo(1);
        assertThat(after.get("backordered").asInt()).as("c's 5 and a's 2").isEqualTo(7);
    }

    @Test
    void removalsBeyondTheStockAreRefusedWith422() {
        final String sku = "sku-" + run();
        assertThat(service.put("/catalog/skus/" + sku, policy(false)).status()).isEqualTo(202);
        assertThat(service.post("/warehouse/receipts", """
                {"movementId": "mv-r-%s", "warehouseId": "wh-1", "sku": "%s", "quantity": 3}""".formatted(sku, sku))
                .status()).isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 3);

        final RunningService.Reply adjustment = service.post("/warehouse/adjustments", """
                {"movementId": "mv-a-%s", "warehouseId": "wh-1", "sku": "%s", "delta": -4, "reason": "damaged"}"""
                .formatted(sku, sku));
        assertThat(adjustment.status()).isEqualTo(422);
        assertThat(adjustment.contentType()).startsWith("application/problem+json");
        assertThat(adjustment.json().get("type").asText()).isEqualTo("urn:restock:problem:exceeds-available");
        assertThat(adjustment.json().get("errors").get(0).get("field").asText()).isEqualTo("delta");

        final RunningService.Reply shipment = service.post("/warehouse/shipments", """
                {"movementId": "mv-s-%s", "warehouseId": "wh-1", "sku": "%s", "orderId": "o-1", "lineId": "1",
                 "quantity": 1}""".formatted(sku, sku));
        assertThat(shipment.status()).isEqualTo(422);
        assertThat(shipment.json().get("type").asText()).isEqualTo("urn:restock:problem:exceeds-line");

        assertThat(service.post("/warehouse/adjustments", """
                {"movementId": "mv-b-%s", "warehouseId": "wh-1", "sku": "%s", "delta": -3, "reason": "damaged"}"""
                .formatted(sku, sku)).status()).isEqualTo(202);
        stockOnceVisible(sku, s -> s.get("onHand").asInt() == 0);
    }

    @Test
    void aCsvBulkUploadCreatesEveryPolicy() {
        final String a = "sku-a-" + run();
        final String b = "sku-b-" + run();
        final String csv = """
                sku,backorderable,reorderPoint,targetLevel,maxWaitDays,substitutes,description
                %s,true,5,20,14,%s,"Widget, blue"
                %s,false,0,0,,,
                """.formatted(a, b, b);
        final RunningService.Reply reply = service.send("POST", "/catalog/skus", "text/csv", csv);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(2);
        // reorder point 5 with nothing on hand raises a shortfall of 20 at once: on order 20.
        stockOnceVisible(a, s -> s.get("onOrder").asInt() == 20);
        stockOnceVisible(b, s -> s.get("onHand").asInt() == 0);
    }

    @Test
    void aBulkUploadWithOneBadRowIsRejectedWholeWithEveryRowsErrors() {
        final String csv = """
                sku,backorderable,reorderPoint,targetLevel
                good-%s,true,1,2
                bad-1,maybe,5,2
                bad-2,true,-1,x
                """.formatted(run());
        final RunningService.Reply reply = service.send("POST", "/catalog/skus", "text/csv", csv);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("line 3.backorderable", "line 3.reorderPoint", "line 4.reorderPoint",
                        "line 4.targetLevel");
    }

    @Test
    void healthAndPrometheusShowTheStreams() {
        final RunningService.Reply health = service.get("/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        final RunningService.Reply metrics = service.get("/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("kafka_stream_").contains("kafka_producer_");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("POST", "/warehouse/receipts", "application/json", "{not json", 400,
                        "unreadable-body", null),
                Arguments.of("POST", "/warehouse/receipts", "application/json",
                        "{\"warehouseId\": \"wh\", \"sku\": \"s-1\", \"quantity\": 1}", 400, "validation-failed",
                        "movementId"),
                Arguments.of("POST", "/warehouse/receipts", "application/json",
                        "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s-1\", \"quantity\": 0}", 400,
                        "validation-failed", "quantity"),
                Arguments.of("POST", "/warehouse/receipts", "application/json",
                        "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s 1\", \"quantity\": 1}", 400,
                        "validation-failed", "sku"),
                Arguments.of("POST", "/warehouse/receipts", "application/json",
                        "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s-1\", \"qty\": 1}", 400,
                        "validation-failed", "qty"),
                Arguments.of("POST", "/warehouse/adjustments", "application/json",
                        "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s-1\", \"delta\": 0, \"reason\": \"x\"}",
                        400, "validation-failed", "delta"),
                Arguments.of("POST", "/warehouse/shipments", "application/json",
                        "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s-1\", \"quantity\": 1}", 400,
                        "validation-failed", "orderId"),
                Arguments.of("PUT", "/catalog/skus/s-1", "application/json",
                        "{\"backorderable\": true, \"reorderPoint\": 9, \"targetLevel\": 5}", 400,
                        "validation-failed", "reorderPoint"),
                Arguments.of("PUT", "/catalog/skus/s-1", "application/json",
                        "{\"backorderable\": true, \"reorderPoint\": 1, \"targetLevel\": 5, \"substitutes\": [\"s-1\"]}",
                        400, "validation-failed", "substitutes[0]"),
                Arguments.of("PUT", "/catalog/skus/s-1", "application/json",
                        "{\"sku\": \"s-2\", \"backorderable\": true, \"reorderPoint\": 1, \"targetLevel\": 5}", 400,
                        "validation-failed", "sku"),
                Arguments.of("POST", "/catalog/skus", "application/json", "{\"sku\": \"s-1\"}", 400,
                        "validation-failed", ""),
                Arguments.of("POST", "/warehouse/receipts", "text/plain", "hello", 415, "unsupported-media-type", null),
                Arguments.of("GET", "/skus/never-seen-sku/stock", null, null, 404, "sku-not-found", null),
                Arguments.of("GET", "/no/such/path", null, null, 404, "not-found", null),
                Arguments.of("DELETE", "/warehouse/receipts", null, null, 405, "method-not-allowed", null));
    }

    @ParameterizedTest(name = "{0} {1} ({3}) -> {4} {5}")
    @MethodSource("badRequests")
    void badRequestsGetProblemJson(final String method, final String path, final String contentType,
                                   final String body, final int status, final String type, final String field) {
        final RunningService.Reply reply = service.send(method, path, contentType, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:restock:problem:" + type);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        }
    }
}
