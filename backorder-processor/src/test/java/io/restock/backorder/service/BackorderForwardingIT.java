package io.restock.backorder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.backorder.topology.BackorderTopology;
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
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.StreamsRunner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.restock.backorder.service.AwaitedJson.awaitJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one backorder-processor application (same application id, own state directories and
 * ports) on one broker split the partitions: a SKU's book is answered by either instance (the other forwards
 * to the SKU's owner), and the listings (open purchase-order lines, supplier reliability) are complete from
 * either instance (gathered from both).
 */
@RestockKafka
class BackorderForwardingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyReadIsAnsweredCompletelyByEitherInstance(final KafkaEnvironment kafka) throws Exception {
        final Duration timeout = Duration.ofSeconds(30);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(Topics.ALL);
        }
        final String r = UUID.randomUUID().toString().substring(0, 8);
        final String applicationId = "backorder-processor-fwd-it-" + r;
        final List<String> skus = IntStream.rangeClosed(1, 8).mapToObj(i -> "FWD-" + r + "-" + i).toList();
        final Map<String, String> supplierOf = new HashMap<>();
        skus.forEach(sku -> supplierOf.put(sku, "fwd-" + r + "-" + sku.substring(sku.lastIndexOf('-') + 1)));
        final LocalDate today = LocalDate.now(ZoneOffset.UTC);
        final EventSerdes serdes = EventSerdes.registry(registry, false);

        // Both instances join before there is any state, so the partitions are split between them at once.
        try (Instance a = Instance.start(kafka, applicationId);
             Instance b = Instance.start(kafka, applicationId);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                     new StringSerializer(), new ByteArraySerializer())) {
            await().atMost(WAIT).ignoreExceptions().until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                    && b.streams().state() == KafkaStreams.State.RUNNING
                    && a.streams().owners().activeHosts(BackorderTopology.SKU_PLANS).size() == 2
                    && a.streams().owners().activeHosts(BackorderTopology.SUPPLIER_RELIABILITY).size() == 2);

            for (final String sku : skus) {
                publish(producer, serdes, Topics.SKU_POLICIES, sku, SkuPolicy.newBuilder().setEventId("p-" + sku)
                        .setOccurredAt(Instant.now()).setSku(sku).setBackorderable(true).setMaxWaitDays(60)
                        .setReorderPoint(0).setTargetLevel(0).setHandlingDays(1).setSubstitutes(List.of()).build());
                assertThat(a.send("PUT", "/supplier-offers/" + supplierOf.get(sku) + "/" + sku, """
                        {"leadTimeDays": 5, "unitCost": "2.50", "currency": "EUR", "minimumOrderQuantity": 1, "packSize": 1}
                        """).statusCode()).isEqualTo(202);
                publish(producer, serdes, Topics.STOCK_SHORTFALLS, sku, new StockShortfall("sf-" + sku, Instant.now(),
                        sku, 5, ShortfallCause.BACKORDER, -5, 0, 0, null, null, null));
            }

            // Some SKUs are owned by each instance, so both the local and the forwarded path are taken.
            final Set<Boolean> ownedByA = new HashSet<>();
            for (final String sku : skus) {
                ownedByA.add(a.streams().owners().ownerOf(BackorderTopology.SKU_PLANS, sku, Serdes.String().serializer(),
                        null) instanceof KeyOwner.Local);
            }
            assertThat(ownedByA).as("each instance owns some of the SKUs").containsExactlyInAnyOrder(true, false);

            // A SKU's supply schedule, from either instance.
            for (final String sku : skus) {
                for (final Instance instance : List.of(a, b)) {
                    final JsonNode supply = awaitJson(WAIT, () -> instance.get("/skus/" + sku + "/supply"),
                            n -> n.path("purchaseOrderLines").size() == 1);
                    assertThat(supply.path("sku").asText()).isEqualTo(sku);
                    assertThat(supply.path("nextOrder").path("supplierId").asText()).isEqualTo(supplierOf.get(sku));
                }
            }

            // The open purchase-order lines: every SKU's, from either instance.
            for (final Instance instance : List.of(a, b)) {
                final JsonNode lines = awaitJson(WAIT, () -> instance.get("/purchase-orders"),
                        n -> skusIn(n, "sku").containsAll(skus));
                assertThat(skusIn(lines, "sku").stream().filter(skus::contains).toList())
                        .as("each line once, none missing").hasSameSizeAs(skus);
            }
            assertThat(JSON.readTree(a.get("/purchase-orders?scope=local").body()).size())
                    .as("an instance's local part is not the whole").isLessThan(
                            JSON.readTree(a.get("/purchase-orders").body()).size());

            // Each supplier acknowledges for today and delivers today: one on-time delivery each.
            final JsonNode lines = JSON.readTree(a.get("/purchase-orders").body());
            for (final JsonNode line : lines) {
                final String sku = line.path("sku").asText();
                if (!skus.contains(sku)) {
                    continue;
                }
                final String poId = line.path("purchaseOrderId").asText();
                final String lineId = line.path("lineId").asText();
                publish(producer, serdes, Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderAcknowledged(
                        "ack-" + sku, Instant.now(), poId, supplierOf.get(sku), "msg-" + sku,
                        List.of(new AcknowledgedLine(lineId, 5, today)))));
                awaitJson(WAIT, () -> a.get("/skus/" + sku + "/supply"),
                        n -> n.path("purchaseOrderLines").get(0).path("acknowledged").asBoolean());
                publish(producer, serdes, Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived("rcv-" + sku,
                        Instant.now(), "mv-" + sku, "wh-1", sku, 5, poId, lineId)));
            }
            final Set<String> suppliers = Set.copyOf(supplierOf.values());
            for (final Instance instance : List.of(a, b)) {
                final JsonNode rows = awaitJson(WAIT, () -> instance.get("/suppliers/reliability"),
                        n -> skusIn(n, "supplierId").containsAll(suppliers));
                for (final JsonNode row : rows) {
                    if (suppliers.contains(row.path("supplierId").asText())) {
                        assertThat(row.path("onTime").asInt()).as(row.toString()).isEqualTo(1);
                    }
                }
            }
        }
    }

    private static Set<String> skusIn(final JsonNode rows, final String field) {
        final Set<String> values = new HashSet<>();
        StreamSupport.stream(rows.spliterator(), false).forEach(row -> values.add(row.path(field).asText()));
        return values;
    }

    private static <V> void publish(final KafkaProducer<String, byte[]> producer, final EventSerdes serdes,
                                    final Topic<String, V> topic, final String key, final V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
    }

    /** One instance of the service: its own HTTP port (= its application.server) and state directory. */
    private record Instance(ServiceUnderTest service) implements AutoCloseable {

        static Instance start(final KafkaEnvironment kafka, final String applicationId) {
            return new Instance(ServiceUnderTest.start("backorder-processor", kafka, Map.of(
                    "backorder-processor.streams.application-id", applicationId,
                    "backorder-processor.procurement.batch-window", "1s",
                    "backorder-processor.procurement.idle-flush-after", "1s")));
        }

        StreamsRunner streams() {
            return service.context().getBean(StreamsRunner.class);
        }

        HttpResponse<String> get(final String path) {
            return service.get(path);
        }

        HttpResponse<String> send(final String method, final String path, final String body) {
            return service.send(method, path, body);
        }

        @Override
        public void close() {
            service.close();
        }
    }
}
