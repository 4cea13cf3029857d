package io.restock.suppliergateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.kafkatest.TopicReader;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.streams.KeyOwner;
import io.restock.suppliergateway.KafkaSuppliers;
import io.restock.suppliergateway.PurchaseOrders;
import io.restock.suppliergateway.streams.GatewayStores;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restock.suppliergateway.KafkaSuppliers.ACME_KEY;
import static io.restock.suppliergateway.KafkaSuppliers.GLOBEX_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one supplier-gateway application (same application id, own state directories and ports)
 * on one broker split the purchase orders' partitions: a supplier reads any of its orders and answers them
 * through either instance (the other forwards to the order's owner), another supplier's order stays 404, and
 * an answer is written once whichever instance it is sent or replayed to.
 */
@RestockKafka
class GatewayForwardingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eitherInstanceAnswersForEveryPurchaseOrderOfTheSupplier(final KafkaEnvironment kafka) throws Exception {
        TopicProvisioner.provision(kafka.bootstrapServers(), Map.of(), kafka.schemaRegistryUrl(),
                Duration.ofSeconds(30), List.of(Topics.PURCHASE_ORDERS, Topics.SUPPLIER_EVENTS));
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        final String r = UUID.randomUUID().toString().substring(0, 8);
        final String applicationId = "supplier-gateway-fwd-it-" + r;
        final List<String> acmeOrders = IntStream.rangeClosed(1, 10).mapToObj(i -> "po-fwd-" + r + "-" + i).toList();
        final String globexOrder = "po-fwd-" + r + "-globex";
        final EventSerdes serdes = EventSerdes.registry(registry, false);

        // Both instances join before there is any state, so the partitions are split between them at once.
        try (Instance a = Instance.start(kafka, applicationId);
             Instance b = Instance.start(kafka, applicationId);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                     new StringSerializer(), new ByteArraySerializer())) {
            final GatewayStores storesOfA = a.context().getBean(GatewayStores.class);
            await().atMost(WAIT).until(() -> a.get("/purchase-orders/none", ACME_KEY).statusCode() == 404
                    && b.get("/purchase-orders/none", ACME_KEY).statusCode() == 404
                    && acmeOrders.stream().map(id -> storesOfA.ownerOfPurchaseOrder(id, null).getClass())
                    .distinct().count() == 2);
            final List<String> ownedByA = acmeOrders.stream()
                    .filter(id -> storesOfA.ownerOfPurchaseOrder(id, null) instanceof KeyOwner.Local).toList();
            final List<String> ownedByB = acmeOrders.stream().filter(id -> !ownedByA.contains(id)).toList();
            assertThat(ownedByA).as("each instance owns some orders").isNotEmpty();
            assertThat(ownedByB).as("each instance owns some orders").isNotEmpty();

            for (final String id : acmeOrders) {
                publish(producer, serdes, id, "acme");
            }
            publish(producer, serdes, globexOrder, "globex");

            // Reads: every order from either instance; another supplier's order is 404 through either.
            for (final String id : acmeOrders) {
                for (final Instance instance : List.of(a, b)) {
                    await().atMost(WAIT).until(() -> instance.get("/purchase-orders/" + id, ACME_KEY).statusCode() == 200);
                    final JsonNode order = JSON.readTree(instance.get("/purchase-orders/" + id, ACME_KEY).body());
                    assertThat(order.path("purchaseOrderId").asText()).isEqualTo(id);
                    assertThat(order.path("lines").size()).isEqualTo(2);
                }
            }
            for (final Instance instance : List.of(a, b)) {
                await().atMost(WAIT).until(() -> instance.get("/purchase-orders/" + globexOrder, GLOBEX_KEY).statusCode() == 200);
                final HttpResponse<String> notYours = instance.get("/purchase-orders/" + globexOrder, ACME_KEY);
                assertThat(notYours.statusCode()).isEqualTo(404);
                assertThat(JSON.readTree(notYours.body()).path("type").asText())
                        .isEqualTo("urn:restock:problem:purchase-order-not-found");
                assertThat(instance.post("/purchase-orders/" + ownedByA.getFirst() + "/acknowledgements", GLOBEX_KEY,
                        "{\"messageId\":\"x\",\"decision\":\"ACCEPT\"}").statusCode()).isEqualTo(404);
                assertThat(instance.post("/purchase-orders/" + ownedByB.getFirst() + "/acknowledgements", GLOBEX_KEY,
                        "{\"messageId\":\"x\",\"decision\":\"ACCEPT\"}").statusCode()).isEqualTo(404);
            }

            // An answer sent to the instance that does not own the order is recorded by the owner, once.
            final String po = ownedByB.getFirst();
            final String body = "{\"messageId\":\"ack-" + po + "\",\"decision\":\"ACCEPT\",\"promisedDate\":\""
                    + LocalDate.now().plusDays(20) + "\",\"lines\":[{\"lineId\":\"1\",\"acceptedQuantity\":8}]}";
            final HttpResponse<String> first = a.post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY, body);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            final String eventId = JSON.readTree(first.body()).path("eventId").asText();
            for (final Instance instance : List.of(a, b)) {
                final HttpResponse<String> replay = instance.post("/purchase-orders/" + po + "/acknowledgements",
                        ACME_KEY, body);
                assertThat(replay.statusCode()).isEqualTo(202);
                assertThat(JSON.readTree(replay.body()).path("eventId").asText()).isEqualTo(eventId);
                assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            }
            final HttpResponse<String> reused = a.post("/purchase-orders/" + po + "/acknowledgements", ACME_KEY,
                    body.replace("\"acceptedQuantity\":8", "\"acceptedQuantity\":9"));
            assertThat(reused.statusCode()).isEqualTo(422);
            final HttpResponse<String> refused = a.post("/purchase-orders/" + po + "/promised-dates", ACME_KEY,
                    "{\"messageId\":\"pd-" + po + "\",\"lines\":[{\"lineId\":\"99\",\"promisedDate\":\""
                            + LocalDate.now().plusDays(20) + "\"}]}");
            assertThat(refused.statusCode()).as("validated on the owner, against its view").isEqualTo(422);
            assertThat(eventsFor(kafka, po)).as("one supplier event for the order").hasSize(1);
        }
    }

    private static void publish(final KafkaProducer<String, byte[]> producer, final EventSerdes serdes,
                                final String purchaseOrderId, final String supplierId) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PURCHASE_ORDERS.name(), purchaseOrderId,
                Topics.PURCHASE_ORDERS.valueSerde(serdes).serializer().serialize(Topics.PURCHASE_ORDERS.name(),
                        PurchaseOrders.issued(purchaseOrderId, supplierId)))).get();
    }

    /** The supplier events keyed by {@code purchaseOrderId} (committed only), read to the end. */
    private static List<ConsumerRecord<String, byte[]>> eventsFor(final KafkaEnvironment kafka,
                                                                 final String purchaseOrderId) {
        return TopicReader.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Topics.SUPPLIER_EVENTS.name(), new ByteArrayDeserializer(), purchaseOrderId::equals, 1, WAIT);
    }

    /** One instance of the service: its own HTTP port (= its application.server) and state directory. */
    private record Instance(ServiceUnderTest service) implements AutoCloseable {

        static Instance start(final KafkaEnvironment kafka, final String applicationId) {
            final Map<String, Object> settings = new HashMap<>(KafkaSuppliers.settings());
            settings.put("supplier-gateway.streams.application-id", applicationId);
            settings.put("supplier-gateway.webhooks.group-id", applicationId + "-webhooks");
            settings.put("supplier-gateway.streams.config.replication.factor", 1);
            return new Instance(ServiceUnderTest.start("supplier-gateway", kafka, settings));
        }

        ApplicationContext context() {
            return service.context();
        }

        HttpResponse<String> get(final String path, final String key) {
            return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET(), key);
        }

        HttpResponse<String> post(final String path, final String key, final String body) {
            return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), key);
        }

        private static HttpResponse<String> send(final HttpRequest.Builder request, final String key) {
            request.header("Authorization", "Bearer " + key);
            return ServiceUnderTest.exchange(request.timeout(Duration.ofSeconds(30)).build());
        }

        @Override
        public void close() {
            service.close();
        }
    }
}
