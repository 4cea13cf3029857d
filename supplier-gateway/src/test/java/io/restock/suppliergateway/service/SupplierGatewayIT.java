package io.restock.suppliergateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.restock.kafkatest.Closeables;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SupplierEvent;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.kafkatest.RestockKafka;
import io.restock.kafkatest.TopicReader;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.suppliergateway.KafkaSuppliers;
import io.restock.suppliergateway.PurchaseOrders;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderDocument;
import io.restock.suppliergateway.directory.SupplierDirectory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static io.restock.suppliergateway.KafkaSuppliers.ACME_KEY;
import static io.restock.suppliergateway.KafkaSuppliers.GLOBEX_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running supplier-gateway (Micronaut on a free port, its Kafka Streams application, its webhook
 * dispatcher) on the test run's real broker and registry, with real HTTP suppliers on JDK HTTP servers.
 */
@RestockKafka
class SupplierGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "admin-key-" + UUID.randomUUID();
    private static final String HOOK_SECRET = "whsec_it_" + UUID.randomUUID();
    private static final String FUTURE = LocalDate.now().plusDays(20).toString();
    private static final String PAST = LocalDate.now().minusDays(1).toString();

    private static KafkaEnvironment kafka;
    private static ServiceUnderTest service;
    private static String baseUrl;
    private static String applicationId;
    private static Map<String, Object> properties;
    private static KafkaProducer<String, byte[]> producer;
    private static EventSerdes serdes;
    private static FakeSupplier flaky;
    private static FakeSupplier rejecting;
    private static FakeSupplier slow;
    private static FakeSupplier fast;
    private static FakeSupplier throttling;
    private static final CountDownLatch SLOW = new CountDownLatch(1);

    @BeforeAll
    static void start(final KafkaEnvironment environment) throws IOException {
        kafka = environment;
        TopicProvisioner.provision(kafka.bootstrapServers(), Map.of(), kafka.schemaRegistryUrl(),
                Duration.ofSeconds(30), List.of(Topics.PURCHASE_ORDERS, Topics.SUPPLIER_EVENTS));
        flaky = new FakeSupplier(HOOK_SECRET, List.of(503, 503, 200), null);
        rejecting = new FakeSupplier(HOOK_SECRET, List.of(400), null);
        slow = new FakeSupplier(HOOK_SECRET, List.of(200), SLOW);
        fast = new FakeSupplier(HOOK_SECRET, List.of(200), null);
        throttling = new FakeSupplier(HOOK_SECRET, List.of(429, 200), null, "1");

        applicationId = "supplier-gateway-it-" + UUID.randomUUID().toString().substring(0, 8);
        properties = new HashMap<>();
        properties.put("supplier-gateway.streams.application-id", applicationId);
        properties.put("supplier-gateway.webhooks.group-id", applicationId + "-webhooks");
        properties.put("supplier-gateway.webhooks.max-attempts", 4);
        properties.put("supplier-gateway.webhooks.base-delay", "50ms");
        // Backoff caps stay 50-400 ms over the 4 tries; the bound lets a 1 s Retry-After through.
        properties.put("supplier-gateway.webhooks.max-delay", "2s");
        properties.put("supplier-gateway.admin.api-key-sha256", SupplierDirectory.sha256Hex(ADMIN_KEY));
        properties.put("supplier-gateway.streams.config.replication.factor", 1);
        properties.putAll(KafkaSuppliers.settings());
        webhookSupplier("flaky", flaky);
        webhookSupplier("rejecting", rejecting);
        webhookSupplier("slow", slow);
        webhookSupplier("fast", fast);
        webhookSupplier("throttling", throttling);
        service = ServiceUnderTest.start("supplier-gateway", kafka, properties);
        baseUrl = service.baseUrl();
        awaitRunning();
        serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    private static void webhookSupplier(final String id, final FakeSupplier receiver) {
        properties.put("supplier-gateway.suppliers." + id + ".channel", "WEBHOOK");
        properties.put("supplier-gateway.suppliers." + id + ".webhook-url", receiver.url());
        properties.put("supplier-gateway.suppliers." + id + ".signing-secrets", List.of(HOOK_SECRET));
        properties.put("supplier-gateway.suppliers." + id + ".api-key-sha256", SupplierDirectory.sha256Hex(id + "-key"));
    }

    private static void awaitRunning() {
        // RUNNING once an unknown order answers 404 rather than 503.
        await().atMost(WAIT).until(() -> get("/purchase-orders/none", ACME_KEY).statusCode() == 404);
    }

    @AfterAll
    static void stop() {
        SLOW.countDown();
        Closeables.closeAll(producer, service, flaky, rejecting, slow, fast, throttling);
    }

    // ---- helpers

    /** A purchase order delivered by webhook: the event, its delivery id and every attempt to deliver it. */
    private record Delivery(PurchaseOrderEvent event, String id, List<FakeSupplier.Received> attempts) {
    }

    /** Issues a purchase order to the webhook supplier {@code supplierId} and waits until {@code supplier} processed it. */
    private static Delivery deliverTo(final String supplierId, final FakeSupplier supplier) {
        final String po = newId("po");
        final PurchaseOrderEvent event = PurchaseOrders.issued(po, supplierId);
        publish(po, event);
        final String deliveryId = PurchaseOrderDocument.eventId(event);
        await().atMost(WAIT).until(() -> supplier.processed.containsKey(deliveryId));
        return new Delivery(event, deliveryId, supplier.received.stream()
                .filter(r -> r.deliveryId().equals(deliveryId)).toList());
    }

    private static String newId(final String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publish(final String purchaseOrderId, final PurchaseOrderEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.PURCHASE_ORDERS.name(), purchaseOrderId,
                    Topics.PURCHASE_ORDERS.valueSerde(serdes).serializer().serialize(Topics.PURCHASE_ORDERS.name(), event))).get();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes an order and waits until its supplier can read it. */
    private static void issue(final String purchaseOrderId, final String supplierId, final String key) {
        publish(purchaseOrderId, PurchaseOrders.issued(purchaseOrderId, supplierId));
        await().atMost(WAIT).until(() -> get("/purchase-orders/" + purchaseOrderId, key).statusCode() == 200);
    }

    private static HttpResponse<String> get(final String path, final String key) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), key);
    }

    private static HttpResponse<String> post(final String path, final String key, final String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private static HttpResponse<String> send(final HttpRequest.Builder request, final String key) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return ServiceUnderTest.exchange(request.timeout(Duration.ofSeconds(30)).build());
    }

    private static JsonNode json(final HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** The records keyed {@code key} on {@code topic} (committed only), at least {@code atLeast}, read to the end. */
    private static List<ConsumerRecord<String, byte[]>> readAll(final String topic, final String key,
                                                                final int atLeast) {
        return TopicReader.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), topic,
                new ByteArrayDeserializer(), key::equals, atLeast, WAIT);
    }

    // ---- supplier answers over HTTP

    @Test
    void aSupplierReadsItsOwnOrderAndAnotherSupplierGets404() {
        final String po = newId("po");
        issue(po, "acme", ACME_KEY);

        final HttpResponse<String> own = get("/purchase-orders/" + po, ACME_KEY);
        assertThat(json(own).get("supplierId").asText()).isEqualTo("acme");
        assertThat(json(own).get("lines")).hasSize(2);

        final HttpResponse<String> other = get("/purchase-orders/" + po, GLOBEX_KEY);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        final HttpResponse<String> otherAck = post("/purchase-orders/" + po + "/acknowledgements", GLOBEX_KEY,
                "{\"messageId\":\"m-1\",\"decision\":\"ACCEPT\",\"promisedDate\":\"" + FUTURE + "\"}");
        assertThat(otherAck.statusCode()).isEqualTo(404);
        assertThat(json(otherAck).get("type").asText()).isEqualTo("urn:restock:problem:purchase-order-not-found");
        assertThat(get("/purchase-orders/" + po, null).statusCode()).isEqualTo(401);
        assertThat(get("/purchase-orders/" + po, "wrong-key").statusCode()).isEqualTo(401);
    }

    @Test
    void anAcknowledgementBecomesOneSupplierEventAndReplaysAreIdempotentAcrossARestart() {
        final String po = newId("po");
        issue(po, "acme", ACME_KEY);
        final String body = "{\"messageId\":\"ack-" + po + "\",\"decision\":\"ACCEPT\",\"promisedDate\":\"" + FUTURE
                + "\",\"lines\":[{\"lineId\":\"1\",\"acceptedQuantity\":8}]}";

        final HttpResponse<String> first = post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        final String eventId = json(first).get("eventId").asText();
        final HttpResponse<String> replay = post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY, body);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay).get("eventId").asText()).isEqualTo(eventId);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");

        final HttpResponse<String> reused = post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY,
                body.replace("\"acceptedQuantity\":8", "\"acceptedQuantity\":9"));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json(reused).get("type").asText()).isEqualTo("urn:restock:problem:message-id-reused");

        final List<ConsumerRecord<String, byte[]>> events = readAll(Topics.SUPPLIER_EVENTS.name(), po, 1);
        assertThat(events).hasSize(1);
        final SupplierEvent event = Topics.SUPPLIER_EVENTS.valueSerde(serdes).deserializer()
                .deserialize(Topics.SUPPLIER_EVENTS.name(), events.getFirst().value());
        final PurchaseOrderAcknowledged ack = (PurchaseOrderAcknowledged) event.getEvent();
        assertThat(ack.getEventId()).isEqualTo(eventId);
        assertThat(ack.getSupplierMessageId()).isEqualTo("ack-" + po);
        assertThat(ack.getLines()).hasSize(2);
        assertThat(ack.getLines().get(0).getAcceptedQuantity()).isEqualTo(8);
        assertThat(ack.getLines().get(1).getAcceptedQuantity()).isEqualTo(5);
        assertThat(ack.getLines().get(1).getPromisedDate()).isEqualTo(LocalDate.parse(FUTURE));

        // A new instance (nothing in memory) still knows the message id: from the store, restored from Kafka.
        service.restart();
        awaitRunning();
        final HttpResponse<String> afterRestart = post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY, body);
        assertThat(afterRestart.statusCode()).isEqualTo(202);
        assertThat(json(afterRestart).get("eventId").asText()).isEqualTo(eventId);
        assertThat(readAll(Topics.SUPPLIER_EVENTS.name(), po, 1)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON                 | acknowledgements | {"messageId": "x",                                                                   | 400 | unreadable-body   |
            missing messageId              | acknowledgements | {"decision":"ACCEPT","promisedDate":"FUTURE"}                                         | 400 | validation-failed | messageId
            unknown field                  | promised-dates   | {"messageId":"MID","lines":[{"lineId":"1","promisedDate":"FUTURE"}],"qty":1}          | 400 | validation-failed | qty
            not a date                     | promised-dates   | {"messageId":"MID","lines":[{"lineId":"1","promisedDate":"next week"}]}               | 400 | validation-failed | lines[0].promisedDate
            unknown decision               | acknowledgements | {"messageId":"MID","decision":"MAYBE"}                                                | 400 | validation-failed | decision
            unknown line                   | promised-dates   | {"messageId":"MID","lines":[{"lineId":"99","promisedDate":"FUTURE"}]}                 | 422 | answer-refused    | lines[0].lineId
            accepted above ordered         | acknowledgements | {"messageId":"MID","decision":"ACCEPT","promisedDate":"FUTURE","lines":[{"lineId":"2","acceptedQuantity":6}]} | 422 | answer-refused | lines[0].acceptedQuantity
            shipped above ordered          | shipments        | {"messageId":"MID","shipmentId":"s-1","expectedArrival":"FUTURE","lines":[{"lineId":"1","quantity":11}]} | 422 | answer-refused | lines[0].quantity
            promised date in the past      | promised-dates   | {"messageId":"MID","lines":[{"lineId":"1","promisedDate":"PAST"}]}                    | 422 | answer-refused    | lines[0].promisedDate
            arrival in the past            | shipments        | {"messageId":"MID","shipmentId":"s-1","expectedArrival":"PAST","lines":[{"lineId":"1","quantity":1}]} | 422 | answer-refused | expectedArrival
            no promised date for a line    | acknowledgements | {"messageId":"MID","decision":"ACCEPT","lines":[{"lineId":"1","promisedDate":"FUTURE"}]} | 422 | answer-refused | promisedDate
            reject without a reason        | acknowledgements | {"messageId":"MID","decision":"REJECT"}                                               | 400 | validation-failed | reason
            """)
    void badAnswersGetProblemJson(final String name, final String endpoint, final String body, final int status,
                                  final String type, final String field) {
        final String po = newId("po");
        issue(po, "globex", GLOBEX_KEY);
        final HttpResponse<String> response = post("/purchase-orders/" + po + "/" + endpoint, GLOBEX_KEY,
                body.replace("FUTURE", FUTURE).replace("PAST", PAST).replace("MID", newId("m")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        final JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:restock:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        }
    }

    @Test
    void promisedDatesAndShipmentNoticesBecomeSupplierEvents() {
        final String po = newId("po");
        issue(po, "globex", GLOBEX_KEY);
        assertThat(post("/purchase-orders/" + po + "/promised-dates", GLOBEX_KEY,
                "{\"messageId\":\"d-" + po + "\",\"lines\":[{\"lineId\":\"2\",\"promisedDate\":\"" + FUTURE + "\"}]}")
                .statusCode()).isEqualTo(202);
        assertThat(post("/purchase-orders/" + po + "/shipments", GLOBEX_KEY,
                "{\"messageId\":\"s-" + po + "\",\"shipmentId\":\"shp-1\",\"expectedArrival\":\"" + FUTURE
                        + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"JD0001\",\"lines\":[{\"lineId\":\"1\",\"quantity\":10}]}")
                .statusCode()).isEqualTo(202);
        final List<String> types = readAll(Topics.SUPPLIER_EVENTS.name(), po, 2).stream()
                .map(r -> Topics.SUPPLIER_EVENTS.valueSerde(serdes).deserializer().deserialize(r.topic(), r.value())
                        .getEvent().getClass().getSimpleName()).toList();
        assertThat(types).containsExactly("PromisedDateChanged", "ShipmentDispatched");
    }

    // ---- purchase orders out

    @Test
    void aKafkaSupplierGetsTheJsonDocumentOnItsOwnTopicExactlyOnce() {
        final String po = newId("po");
        final PurchaseOrderEvent event = PurchaseOrders.issued(po, "acme");
        publish(po, event);
        final List<ConsumerRecord<String, byte[]>> records = readAll(Topics.supplierPurchaseOrders("acme").name(), po, 1);
        assertThat(records).hasSize(1);
        assertThat(new String(records.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo(PurchaseOrderDocument.json(event));
    }

    @Test
    void aWebhookIsSignedRetriedOn503AndProcessedOnce() {
        final Delivery delivery = deliverTo("flaky", flaky);

        assertThat(delivery.attempts()).extracting(FakeSupplier.Received::answered).containsExactly(503, 503, 200);
        assertThat(delivery.attempts()).allMatch(FakeSupplier.Received::signatureValid);
        assertThat(flaky.processed.get(delivery.id())).isEqualTo(PurchaseOrderDocument.bytes(delivery.event()));
        assertThat(flaky.duplicates).isEmpty();
    }

    @Test
    void aWebhookAnswered429WithRetryAfterIsRetriedNoSoonerThanAsked() {
        final List<FakeSupplier.Received> attempts = deliverTo("throttling", throttling).attempts();
        assertThat(attempts).extracting(FakeSupplier.Received::answered).containsExactly(429, 200);
        // Without Retry-After the second try would come within the 50 ms backoff.
        assertThat(Duration.ofNanos(attempts.get(1).receivedAtNanos() - attempts.get(0).receivedAtNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPermanentRejectionIsDeadLetteredWithItsReasonAndCounted() {
        final String po = newId("po");
        publish(po, PurchaseOrders.issued(po, "rejecting"));
        final List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.PURCHASE_ORDERS.deadLetterTopic(), po, 1);
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.header(dead.getFirst().headers(), DeadLetters.ERROR_REASON)).contains("WEBHOOK_REJECTED_400");
        assertThat(rejecting.received.stream().filter(r -> r.deliveryId().equals("issued-" + po))).hasSize(1);
        final MeterRegistry meters = service.context().getBean(MeterRegistry.class);
        assertThat(meters.get("supplier.gateway.webhook.dead.letters").tag("supplier", "rejecting").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aSlowSupplierDoesNotHoldUpTheOthers() {
        final String slowPo = newId("po");
        final String fastPo = newId("po");
        publish(slowPo, PurchaseOrders.issued(slowPo, "slow"));
        publish(fastPo, PurchaseOrders.issued(fastPo, "fast"));
        await().atMost(WAIT).until(() -> fast.processed.containsKey("issued-" + fastPo));
        assertThat(slow.processed).doesNotContainKey("issued-" + slowPo);
        SLOW.countDown();
        await().atMost(WAIT).until(() -> slow.processed.containsKey("issued-" + slowPo));
    }

    // ---- the registry

    @Test
    void theAdminApiRegistersASupplierWhoCanThenReadItsOrdersAndItsTopic() {
        final String id = "newco-" + UUID.randomUUID().toString().substring(0, 6);
        final String key = "newco-key-" + UUID.randomUUID();
        final String body = "{\"name\":\"NewCo\",\"channel\":\"KAFKA\",\"apiKeySha256\":\"" + SupplierDirectory.sha256Hex(key)
                + "\",\"contact\":\"ops@newco.example\"}";
        final HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/suppliers/" + id))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        assertThat(send(put, "not-the-admin").statusCode()).isEqualTo(401);
        final HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/suppliers/" + id))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), ADMIN_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);

        final String po = newId("po");
        issue(po, id, key);
        assertThat(readAll(Topics.supplierPurchaseOrders(id).name(), po, 1)).hasSize(1);
        assertThat(get("/admin/suppliers/" + id, ADMIN_KEY).statusCode()).isEqualTo(200);
    }
}
