package io.restock.orderintake.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.kafkatest.Closeables;
import io.restock.kafkatest.TopicReader;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.Substitute;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.orderintake.SampleOrders;
import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static io.restock.orderintake.it.IntakeApp.SHOP_B_KEY;
import static io.restock.orderintake.it.IntakeApp.SLOW_SHOP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * order-intake end to end on a real broker and registry: the HTTP API (create, replay, conflicts,
 * auth, rate limit, cancel, read, malformed requests) and the JSON topic entrance.
 */
@RestockKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderIntakeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHOP_A_SUBMISSIONS = Topics.shopSubmissions("shop-a").name();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    KafkaEnvironment kafka;
    IntakeApp app;
    EventSerdes serdes;

    @BeforeAll
    void start(final KafkaEnvironment kafka, @TempDir final Path stateDir) {
        this.kafka = kafka;
        IntakeApp.provision(kafka.bootstrapServers(), kafka.schemaRegistryUrl());
        serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        app = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), stateDir, Map.of());
    }

    @AfterAll
    void stop() {
        Closeables.closeAll(app);
    }

    @Test
    void healthReportsTheStatusViewUpWhileItRuns() throws Exception {
        final JsonNode health = JSON.readTree(app.get("/health", null).body());

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("order-intake-streams").path("details").path("state").asText())
                .isEqualTo("RUNNING");
    }

    @Test
    void answers202OnlyWithTheOrderPlacedOnOrderEvents() throws Exception {
        final String orderId = id("created");
        final HttpResponse<String> response = app.createOrder(SHOP_A_KEY, "key-" + orderId,
                SampleOrders.validOrder(orderId));

        assertThat(response.statusCode()).isEqualTo(202);
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(response.headers().firstValue("Location")).contains("/orders/" + orderId);

        final List<ConsumerRecord<String, OrderEvent>> events = orderEvents(orderId, 1);
        assertThat(events).hasSize(1);
        final OrderPlaced placed = (OrderPlaced) events.getFirst().value().getEvent();
        assertThat(placed.getEventId()).isEqualTo(body.get("eventId").asText());
        assertThat(placed.getShopId()).isEqualTo("shop-a");
        assertThat(placed.getShippingPolicy()).isEqualTo(ShippingPolicy.COMPLETE);
        assertThat(placed.getLines()).hasSize(2);
        assertThat(DeadLetters.header(events.getFirst().headers(), IntakeHeaders.IDEMPOTENCY_KEY))
                .contains("key-" + orderId);
    }

    @Test
    void theSameKeyAndBodyAnswerTheSameAndCreateOneOrderBeforeAndAfterTheViewHasIt() throws Exception {
        final String orderId = id("replayed");
        final byte[] body = SampleOrders.validOrder(orderId);

        final HttpResponse<String> first = app.createOrder(SHOP_A_KEY, "key-" + orderId, body);
        final HttpResponse<String> early = app.createOrder(SHOP_A_KEY, "key-" + orderId, body);
        await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(app.get("/orders/" + orderId, SHOP_A_KEY)
                .body()).path("asOf").path("source").asText().equals("view"));
        await().atMost(Duration.ofSeconds(20)).until(() -> app.guard().recent(orderId).isEmpty());
        final HttpResponse<String> late = app.createOrder(SHOP_A_KEY, "key-" + orderId, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        for (final HttpResponse<String> replay : List.of(early, late)) {
            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(replay.body()).isEqualTo(first.body());
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        }
        assertThat(orderEvents(orderId, 1)).hasSize(1);
    }

    @Test
    void aKeyReusedWithAnotherBodyIs422AndAnOrderIdUnderAnotherKeyIs409() throws Exception {
        final String orderId = placedByShopA("conflict");

        final ObjectNode changed = SampleOrders.validOrder().put("orderId", orderId).put("currency", "USD");
        final HttpResponse<String> reused = app.createOrder(SHOP_A_KEY, "key-" + orderId, bytes(changed));
        final HttpResponse<String> reusedForOtherOrder = app.createOrder(SHOP_A_KEY, "key-" + orderId,
                SampleOrders.validOrder(orderId + "-2"));
        final HttpResponse<String> otherKey = app.createOrder(SHOP_A_KEY, "other-" + orderId,
                SampleOrders.validOrder(orderId));

        assertProblem(reused, 422, "idempotency-key-reused");
        assertProblem(reusedForOtherOrder, 422, "idempotency-key-reused");
        assertProblem(otherKey, 409, "order-exists");
        assertThat(orderEvents(orderId, 1)).hasSize(1);
    }

    @Test
    void aShopCanNeitherReadNorCancelAnotherShopsOrder() throws Exception {
        final String orderId = placedByShopA("private");

        assertProblem(app.get("/orders/" + orderId, SHOP_B_KEY), 404, "order-not-found");
        assertProblem(app.post("/orders/" + orderId + "/cancellation", SHOP_B_KEY, null, null, null), 404,
                "order-not-found");
        assertProblem(app.get("/orders/" + orderId, null), 401, "unauthenticated");
        assertProblem(app.get("/orders/" + orderId, "not-a-key"), 401, "unauthenticated");
        assertThat(app.get("/orders/" + orderId, SHOP_A_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aShopOverItsRateLimitGets429WithRetryAfter() throws Exception {
        HttpResponse<String> response = null;
        for (int i = 0; i < 3; i++) {
            response = app.get("/orders/" + id("none"), SLOW_SHOP_KEY);
        }
        assertProblem(response, 429, "rate-limited");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(app.get("/orders/" + id("none"), SHOP_A_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void cancellingALinePublishesTheRequestAndTheViewShowsIt() throws Exception {
        final String orderId = placedByShopA("cancel");

        final HttpResponse<String> cancelled = app.post("/orders/" + orderId + "/lines/2/cancellation", SHOP_A_KEY,
                null, "application/json", "{\"reason\":\"too slow\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(app.post("/orders/" + orderId + "/lines/9/cancellation", SHOP_A_KEY, null, null, null), 404,
                "line-not-found");

        assertThat(cancelled.statusCode()).isEqualTo(202);
        final List<ConsumerRecord<String, OrderEvent>> events = orderEvents(orderId, 2);
        final OrderCancellationRequested request = (OrderCancellationRequested) events.get(1).value().getEvent();
        assertThat(request.getLineIds()).containsExactly("2");
        assertThat(request.getReason()).isEqualTo("too slow");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lineStatuses(orderId))
                .containsExactly("PENDING", "CANCELLATION_REQUESTED"));
    }

    @Test
    void theViewFollowsLineEventsAndDeliveryDates() throws Exception {
        final String orderId = id("view");
        assertThat(app.createOrder(SHOP_A_KEY, "key-" + orderId, SampleOrders.validOrder().put("orderId", orderId)
                .put("shippingPolicy", "PARTIAL").toString().getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        final Instant now = Instant.now();
        try (KafkaProducer<String, LineEvent> lines = producer(Topics.LINE_EVENTS.valueSerde(serdes).serializer());
             KafkaProducer<String, DeliveryDateChanged> dates =
                     producer(Topics.DELIVERY_DATES.valueSerde(serdes).serializer())) {
            lines.send(new ProducerRecord<>(Topics.LINE_EVENTS.name(), orderId, new LineEvent(new LineAllocated("a",
                    now, orderId, "1", "SKU-1", 1, 2, ShippingPolicy.PARTIAL)))).get();
            lines.send(new ProducerRecord<>(Topics.LINE_EVENTS.name(), orderId, new LineEvent(new LineBackordered("b",
                    now, orderId, "1", "SKU-1", 1, 2, 4, LocalDate.parse("2026-12-04"), now, null, null, null, false)))).get();
            lines.send(new ProducerRecord<>(Topics.LINE_EVENTS.name(), orderId, new LineEvent(new LineRejected("c",
                    now, orderId, "2", "SKU-2", 1, RejectionReason.NOT_BACKORDERABLE, null,
                    List.of(new Substitute("SKU-3", 7)))))).get();
            dates.send(new ProducerRecord<>(Topics.DELIVERY_DATES.name(), orderId, new DeliveryDateChanged("d", now,
                    orderId, "1", "SKU-1", LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-11"),
                    DateChangeReason.PROMISED_DATE_CHANGED))).get();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            final JsonNode order = JSON.readTree(app.get("/orders/" + orderId, SHOP_A_KEY).body());
            assertThat(order.path("asOf").path("version").asLong()).isEqualTo(5);
            final JsonNode first = order.get("lines").get(0);
            assertThat(first.get("status").asText()).isEqualTo("BACKORDERED");
            assertThat(first.get("allocatedQuantity").asInt()).isEqualTo(1);
            assertThat(first.get("promisedDate").asText()).isEqualTo("2026-12-11");
            final JsonNode second = order.get("lines").get(1);
            assertThat(second.get("status").asText()).isEqualTo("REJECTED");
            assertThat(second.path("rejection").path("reason").asText()).isEqualTo("NOT_BACKORDERABLE");
            assertThat(second.path("rejection").path("substitutes").get(0).get("sku").asText()).isEqualTo("SKU-3");
        });
    }

    @Test
    void theJsonTopicTakesGoodOrdersAndDeadLettersThePoisonBetweenThem() throws Exception {
        final String good1 = id("topic-1");
        final String poison = id("topic-poison");
        final String good2 = id("topic-2");
        try (KafkaProducer<String, String> shop = producer(new StringSerializer())) {
            shop.send(new ProducerRecord<>(SHOP_A_SUBMISSIONS, good1, envelope(good1))).get();
            shop.send(new ProducerRecord<>(SHOP_A_SUBMISSIONS, poison, "{\"type\":\"OrderPlaced\","
                    + "\"shopId\":\"shop-a\",\"order\":{\"orderId\":\"" + poison + "\",\"lines\":\"many\"}}")).get();
            shop.send(new ProducerRecord<>(SHOP_A_SUBMISSIONS, good2, envelope(good2))).get();
        }

        final List<ConsumerRecord<String, OrderEvent>> placed = TopicReader.read(kafka.bootstrapServers(),
                Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(),
                k -> k.startsWith(run + "-topic-"), 2);
        assertThat(placed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(good1, good2);

        final List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(kafka.bootstrapServers(),
                Topics.shopSubmissions("shop-a").deadLetterTopic(), new ByteArrayDeserializer(), poison::equals, 1);
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.header(dead.getFirst().headers(), DeadLetters.STAGE)).contains("validation");
        assertThat(DeadLetters.header(dead.getFirst().headers(), DeadLetters.ERROR_MESSAGE).orElseThrow())
                .contains("order.lines", "order.customer");
        final List<ConsumerRecord<String, byte[]>> told = TopicReader.read(kafka.bootstrapServers(),
                Topics.shopSubmissionOutcomes("shop-a").name(), new ByteArrayDeserializer(),
                k -> k.startsWith(run + "-topic-"), 3);
        assertThat(told).extracting(r -> r.key() + " " + JSON.readTree(r.value()).get("outcome").asText())
                .containsExactlyInAnyOrder(good1 + " ACCEPTED", poison + " REJECTED", good2 + " ACCEPTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.get("/orders/" + good2, SHOP_A_KEY).statusCode() == 200);
    }

    static Stream<Arguments> malformedRequests() {
        final byte[] valid = SampleOrders.validOrder("malformed");
        final ObjectNode zero = SampleOrders.validOrder();
        ((ObjectNode) zero.get("lines").get(0)).put("quantity", 0);
        final ObjectNode unknown = SampleOrders.validOrder().put("giftWrap", true);
        final ObjectNode money = SampleOrders.validOrder();
        ((ObjectNode) money.get("lines").get(1)).put("unitPrice", "12,50");
        final ObjectNode duplicate = SampleOrders.validOrder();
        ((ObjectNode) duplicate.get("lines").get(1)).put("lineId", "1");
        final byte[] huge = ("{\"orderId\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                arguments("no API key", null, "k", "application/json", valid, 401, "unauthenticated", null),
                arguments("no Idempotency-Key", SHOP_A_KEY, null, "application/json", valid, 400,
                        "idempotency-key-required", null),
                arguments("text/plain", SHOP_A_KEY, "k", "text/plain", valid, 415, "unsupported-media-type", null),
                arguments("no content type", SHOP_A_KEY, "k", null, valid, 415, "unsupported-media-type", null),
                arguments("body over 256 KiB", SHOP_A_KEY, "k", "application/json", huge, 413, "body-too-large", null),
                arguments("not JSON", SHOP_A_KEY, "k", "application/json", bytes("{\"orderId\":"), 400,
                        "validation-failed", ""),
                arguments("zero quantity", SHOP_A_KEY, "k", "application/json", bytes(zero), 400,
                        "validation-failed", "lines[0].quantity"),
                arguments("unknown field", SHOP_A_KEY, "k", "application/json", bytes(unknown), 400,
                        "validation-failed", "giftWrap"),
                arguments("bad money", SHOP_A_KEY, "k", "application/json", bytes(money), 400, "validation-failed",
                        "lines[1].unitPrice"),
                arguments("duplicate line ids", SHOP_A_KEY, "k", "application/json", bytes(duplicate), 400,
                        "validation-failed", "lines[1].lineId"));
    }

    @ParameterizedTest(name = "{0} -> {5}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetAProblemWithTheirStatusAndField(final String name, final String apiKey,
                                                            final String idempotencyKey, final String contentType,
                                                            final byte[] body, final int status, final String type,
                                                            final String field) throws Exception {
        final HttpResponse<String> response = app.post("/orders", apiKey, idempotencyKey, contentType, body);

        final JsonNode problem = assertProblem(response, status, type);
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        }
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() throws Exception {
        assertProblem(app.get("/nowhere", SHOP_A_KEY), 404, "not-found");
        assertProblem(app.get("/orders/" + id("never"), SHOP_A_KEY), 404, "order-not-found");
    }

    private List<String> lineStatuses(final String orderId) throws Exception {
        return JSON.readTree(app.get("/orders/" + orderId, SHOP_A_KEY).body()).get("lines").findValuesAsText("status");
    }

    private List<ConsumerRecord<String, OrderEvent>> orderEvents(final String orderId, final int atLeast) {
        return TopicReader.read(kafka.bootstrapServers(), Topics.ORDER_EVENTS.name(),
                Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(), orderId::equals, atLeast);
    }

    private <V> KafkaProducer<String, V> producer(final org.apache.kafka.common.serialization.Serializer<V> values) {
        final Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static String envelope(final String orderId) {
        return "{\"type\":\"OrderPlaced\",\"shopId\":\"shop-a\",\"order\":"
                + SampleOrders.validOrder().put("orderId", orderId) + "}";
    }

    private static JsonNode assertProblem(final HttpResponse<String> response, final int status, final String type)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        final JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:restock:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private String id(final String what) {
        return run + "-" + what;
    }

    /** Shop A places a valid order {@code id(what)} under key {@code key-<orderId>} (202); returns the order id. */
    private String placedByShopA(final String what) {
        final String orderId = id(what);
        assertThat(app.createOrder(SHOP_A_KEY, "key-" + orderId, SampleOrders.validOrder(orderId)).statusCode())
                .isEqualTo(202);
        return orderId;
    }

    private static byte[] bytes(final Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
