package io.restock.backorder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.events.AcknowledgedLine;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restock.backorder.service.AwaitedJson.awaitJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running backorder-processor over real HTTP on a real broker and registry: supplier offers in
 * (validated field by field, all-or-nothing, upsert and withdraw onto the compacted topic), and the
 * reads (a SKU's supply schedule, open purchase-order lines, supplier reliability)
 * reflecting what the events did; errors as problem+json.
 */
@RestockKafka
class BackorderServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ServiceUnderTest service;
    private static KafkaEnvironment kafka;
    private static EventSerdes serdes;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start(final KafkaEnvironment environment) throws IOException {
        kafka = environment;
        final Duration timeout = Duration.ofSeconds(30);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(Topics.ALL);
        }
        serdes = EventSerdes.registry(registry, false);
        producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ByteArraySerializer());
        service = ServiceUnderTest.start("backorder-processor", kafka, Map.of(
                "backorder-processor.streams.application-id", "backorder-processor-http-it-" + run(),
                "backorder-processor.procurement.batch-window", "1s",
                "backorder-processor.procurement.idle-flush-after", "1s"));
        await().atMost(WAIT).until(() -> get("/skus/never-seen/supply").statusCode() == 404);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anInvalidOfferRowIsNamedFieldByFieldAndNoRowIsWritten() throws Exception {
        final String supplier = "acme-" + run();
        final HttpResponse<String> reply = send("POST", "/supplier-offers", """
                [{"supplierId": "%1$s", "sku": "SKU-OK", "leadTimeDays": 5, "unitCost": "2.50", "currency": "EUR"},
                 {"supplierId": "%1$s", "sku": "SKU-BAD", "leadTimeDays": -1, "unitCost": "2.50", "currency": "euro",
                  "packsize": 10}]
                """.formatted(supplier));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        final JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:restock:problem:validation-failed");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("rows[1].leadTimeDays", "rows[1].currency", "rows[1].packsize");
        // All or nothing: the valid first row was not written either.
        final String marker = "acme-marker-" + run();
        assertThat(send("PUT", "/supplier-offers/" + marker + "/SKU-M", offer(3)).statusCode()).isEqualTo(202);
        final List<ConsumerRecord<String, byte[]>> offers = offersUntil(r -> r.key().startsWith(marker + "/"));
        assertThat(offers).noneMatch(r -> r.key().startsWith(supplier + "/"));
    }

    @Test
    void anOfferIsUpsertedAndWithdrawnOnTheCompactedCatalogTopic() throws Exception {
        final String supplier = "acme-" + run();
        final HttpResponse<String> put = send("PUT", "/supplier-offers/" + supplier + "/SKU-1", offer(7));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        assertThat(JSON.readTree(put.body()).path("offers").get(0).asText()).isEqualTo(supplier + "/SKU-1");
        assertThat(send("DELETE", "/supplier-offers/" + supplier + "/SKU-1", null).statusCode()).isEqualTo(202);

        final String key = Topics.offerKey(supplier, "SKU-1");
        final List<ConsumerRecord<String, byte[]>> records = offersUntil(r -> key.equals(r.key()) && r.value() == null);
        final List<ConsumerRecord<String, byte[]>> ours = records.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(ours).hasSize(2);
        final SupplierOffer upserted = Topics.SUPPLIER_OFFERS.valueSerde(serdes).deserializer()
                .deserialize(Topics.SUPPLIER_OFFERS.name(), ours.getFirst().value());
        assertThat(upserted.getLeadTimeDays()).isEqualTo(7);
        assertThat(upserted.getSupplierId()).isEqualTo(supplier);
        assertThat(ours.getLast().value()).as("the withdrawal is a tombstone").isNull();
    }

    @Test
    void aPathAndBodyThatDisagreeAreRefused() throws Exception {
        final HttpResponse<String> reply = send("PUT", "/supplier-offers/acme-1/SKU-1", """
                {"supplierId": "acme-2", "leadTimeDays": 5, "unitCost": "2.50", "currency": "EUR"}""");
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).path("errors").get(0).path("code").asText())
                .isEqualTo("does-not-match-path");
        assertThat(send("POST", "/supplier-offers", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void theReadsShowTheSupplyScheduleOpenPurchaseOrdersAndSupplierReliability() throws Exception {
        final String r = run();
        final String sku = "SKU-" + r;
        final String supplier = "acme-" + r;
        final LocalDate today = LocalDate.now(ZoneOffset.UTC);
        publish(Topics.SKU_POLICIES, sku, SkuPolicy.newBuilder().setEventId("p-" + r).setOccurredAt(Instant.now())
                .setSku(sku).setBackorderable(true).setMaxWaitDays(60).setReorderPoint(0).setTargetLevel(0)
                .setHandlingDays(1).setSubstitutes(List.of()).build());
        assertThat(send("PUT", "/supplier-offers/" + supplier + "/" + sku, offer(5)).statusCode()).isEqualTo(202);

        // The schedule: new demand would go to the one supplier, at its lead time; nothing on order yet.
        final JsonNode schedule = awaitJson(WAIT, () -> get("/skus/" + sku + "/supply"),
                b -> b.path("nextOrder").path("supplierId").asText().equals(supplier));
        assertThat(schedule.path("nextOrder").path("leadTimeDays").asInt()).isEqualTo(5);
        assertThat(schedule.path("onOrder").asInt()).isZero();

        // The shortfall becomes a purchase order, listed as an open line.
        publish(Topics.STOCK_SHORTFALLS, sku, new StockShortfall("sf-" + r, Instant.now(), sku, 5,
                ShortfallCause.BACKORDER, -5, 0, 0, null, null, null));
        final JsonNode open = awaitJson(WAIT, () -> get("/purchase-orders"), all -> line(all, sku) != null);
        final JsonNode line = line(open, sku);
        assertThat(line.path("supplierId").asText()).isEqualTo(supplier);
        assertThat(line.path("ordered").asInt()).isEqualTo(5);

        // The supplier promises today and delivers today: one on-time delivery.
        final String poId = line.path("purchaseOrderId").asText();
        final String lineId = line.path("lineId").asText();
        publish(Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderAcknowledged("ack-" + r, Instant.now(),
                poId, supplier, "msg-" + r, List.of(new AcknowledgedLine(lineId, 5, today)))));
        awaitJson(WAIT, () -> get("/skus/" + sku + "/supply"),
                b -> b.path("purchaseOrderLines").size() == 1 && b.path("purchaseOrderLines").get(0).path("acknowledged").asBoolean());
        publish(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived("rcv-" + r, Instant.now(), "mv-" + r,
                "wh-1", sku, 5, poId, lineId)));
        final JsonNode reliability = awaitJson(WAIT, () -> get("/suppliers/reliability"),
                rows -> supplierRow(rows, supplier) != null);
        assertThat(supplierRow(reliability, supplier).path("deliveries").asInt()).isEqualTo(1);
        assertThat(supplierRow(reliability, supplier).path("onTime").asInt()).isEqualTo(1);
        assertThat(line(JSON.readTree(get("/purchase-orders").body()), sku))
                .as("a fully received line is no longer open").isNull();
    }

    @Test
    void healthReportsTheStreamsRunnerAsUpWhileRunning() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode health = JSON.readTree(get("/health").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("details").path("backorder-processor-streams").path("details").path("state")
                    .asText()).isEqualTo("RUNNING");
        });
    }

    @Test
    void anUnknownSkuIsA404Problem() throws Exception {
        final HttpResponse<String> reply = get("/skus/no-such-sku/supply");
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(reply.body()).path("type").asText()).isEqualTo("urn:restock:problem:sku-not-found");
        assertThat(get("/no/such/route").headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
    }

    // ---- helpers

    private static String offer(final int leadTimeDays) {
        return """
                {"leadTimeDays": %d, "unitCost": "2.50", "currency": "EUR", "minimumOrderQuantity": 1, "packSize": 1}
                """.formatted(leadTimeDays);
    }

    private static JsonNode line(final JsonNode lines, final String sku) {
        if (lines == null) {
            return null;
        }
        for (final JsonNode l : lines) {
            if (sku.equals(l.path("sku").asText())) {
                return l;
            }
        }
        return null;
    }

    private static JsonNode supplierRow(final JsonNode rows, final String supplier) {
        for (final JsonNode row : rows) {
            if (supplier.equals(row.path("supplierId").asText())) {
                return row;
            }
        }
        return null;
    }

    /** Reads catalog.supplier-offers from the start until a record matches; returns all read. */
    private static List<ConsumerRecord<String, byte[]>> offersUntil(final Predicate<ConsumerRecord<String, byte[]>> match) {
        final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("offers-" + run()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SUPPLIER_OFFERS.name()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(match);
            });
        }
        return seen;
    }

    private static <V> void publish(final Topic<String, V> topic, final String key, final V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
    }

    private static HttpResponse<String> get(final String path) {
        return service.get(path);
    }

    private static HttpResponse<String> send(final String method, final String path, final String body) {
        return service.send(method, path, body);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
