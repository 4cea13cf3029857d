package io.restock.suppliergateway.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.events.AcknowledgedLine;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SupplierEvent;
import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.suppliergateway.PurchaseOrders;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderDocument;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;
import io.restock.suppliergateway.suppliers.Channel;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.suppliers.SupplierCodec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.restock.kafkatest.TopologyDescriptions.assertMatchesResource;
import static org.assertj.core.api.Assertions.assertThat;

class GatewayTopologyTest {

    private static final EventSerdes SERDES = EventSerdes.plain();
    private static final Map<String, Supplier> CONFIGURED = Map.of(
            "acme", new Supplier("acme", "ACME", Channel.KAFKA, null, List.of(), "a".repeat(64), null),
            "hooky", new Supplier("hooky", "Hooky", Channel.WEBHOOK, "http://127.0.0.1:1/hook",
                    List.of("whsec_0123456789abcdef"), "b".repeat(64), null));

    private TopologyTestDriver driver;
    private TestInputTopic<String, PurchaseOrderEvent> purchaseOrders;
    private TestInputTopic<String, String> registry;
    private TestInputTopic<String, SupplierEvent> supplierEvents;

    static Topology topology() {
        final StreamsBuilder builder = new StreamsBuilder();
        GatewayTopology.define(builder, SERDES, CONFIGURED);
        return builder.build();
    }

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "supplier-gateway-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        driver = new TopologyTestDriver(topology(), props);
        purchaseOrders = driver.createInputTopic(Topics.PURCHASE_ORDERS.name(), new StringSerializer(),
                Topics.PURCHASE_ORDERS.valueSerde(SERDES).serializer());
        registry = driver.createInputTopic(GatewayTopics.SUPPLIERS.name(), new StringSerializer(), new StringSerializer());
        supplierEvents = driver.createInputTopic(Topics.SUPPLIER_EVENTS.name(), new StringSerializer(),
                Topics.SUPPLIER_EVENTS.valueSerde(SERDES).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TestOutputTopic<String, String> supplierTopic(final String supplierId) {
        return driver.createOutputTopic(Topics.supplierPurchaseOrders(supplierId).name(), new StringDeserializer(),
                new StringDeserializer());
    }

    private PurchaseOrderView view(final String id) {
        final KeyValueStore<String, PurchaseOrderView> store = driver.getKeyValueStore(GatewayTopology.PURCHASE_ORDERS_STORE);
        return store.get(id);
    }

    @Test
    void aKafkaSupplierGetsTheJsonDocumentOnItsOwnTopicOnly() throws IOException {
        purchaseOrders.pipeInput("po-1", PurchaseOrders.issued("po-1", "acme"));
        purchaseOrders.pipeInput("po-2", PurchaseOrders.issued("po-2", "hooky"));

        final var records = supplierTopic("acme").readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().key()).isEqualTo("po-1");
        assertThat(records.getFirst().value()).isEqualTo(PurchaseOrderDocument.json(PurchaseOrders.issued("po-1", "acme")));
        final JsonNode doc = new ObjectMapper().readTree(records.getFirst().value());
        assertThat(doc.get("schema").asText()).isEqualTo(PurchaseOrderDocument.SCHEMA);
        assertThat(doc.get("eventType").asText()).isEqualTo("PurchaseOrderIssued");
        assertThat(doc.get("lines").get(0).get("unitCost").asText()).isEqualTo("2.5000");
        assertThat(doc.get("lines").get(0).get("requestedDate").asText()).isEqualTo("2026-12-01");
        assertThat(supplierTopic("hooky").isEmpty()).isTrue();
    }

    @Test
    void aSuppliersTopicCarriesOnlyItsContractHeadersNotThoseOfThePurchaseOrderRecord() {
        final RecordHeaders internal = new RecordHeaders();
        internal.add("restock.idempotency-key", "k-1".getBytes(StandardCharsets.UTF_8));
        internal.add("restock.request-digest", "cd34".getBytes(StandardCharsets.UTF_8));

        purchaseOrders.pipeInput(new TestRecord<>("po-1", PurchaseOrders.issued("po-1", "acme"), internal,
                Instant.parse("2026-11-22T10:00:00Z")));

        assertThat(supplierTopic("acme").readRecordsToList()).singleElement().satisfies(r ->
                assertThat(Arrays.stream(r.headers().toArray()).map(Header::key).toList())
                        .containsExactly(GatewayTopology.SUPPLIER_HEADER, "restock.event-type"));
    }

    @Test
    void theRegistryTopicOverridesConfiguration() {
        registry.pipeInput("acme", SupplierCodec.write(new Supplier("acme", "ACME", Channel.WEBHOOK,
                "http://127.0.0.1:1/acme", List.of("whsec_0123456789abcdef"), "a".repeat(64), null)));
        registry.pipeInput("newco", SupplierCodec.write(new Supplier("newco", "NewCo", Channel.KAFKA, null, List.of(),
                "c".repeat(64), null)));
        purchaseOrders.pipeInput("po-1", PurchaseOrders.issued("po-1", "acme"));
        purchaseOrders.pipeInput("po-3", PurchaseOrders.issued("po-3", "newco"));

        assertThat(supplierTopic("acme").isEmpty()).isTrue();
        assertThat(supplierTopic("newco").readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("po-3");
    }

    @Test
    void theViewFoldsIssuedAmendedAndCancelledEvents() {
        purchaseOrders.pipeInput("po-1", PurchaseOrders.issued("po-1", "acme"));
        purchaseOrders.pipeInput("po-1", PurchaseOrders.amended("po-1", "acme", 7));
        purchaseOrders.pipeInput("po-1", PurchaseOrders.cancelled("po-1", "acme", List.of("2")));

        final PurchaseOrderView view = view("po-1");
        assertThat(view.supplierId()).isEqualTo("acme");
        assertThat(view.line("1").orElseThrow().quantity()).isEqualTo(7);
        assertThat(view.line("2").orElseThrow().cancelled()).isTrue();
        assertThat(view.cancelled()).isFalse();

        purchaseOrders.pipeInput("po-1", PurchaseOrders.cancelled("po-1", "acme", List.of()));
        assertThat(view("po-1").cancelled()).isTrue();
        // All three events also reached acme's topic, in order.
        assertThat(supplierTopic("acme").readValuesToList()).hasSize(4);
    }

    @Test
    void anAmendmentOfAnUnknownOrderLeavesNoView() {
        purchaseOrders.pipeInput("po-9", PurchaseOrders.amended("po-9", "acme", 3));
        assertThat(view("po-9")).isNull();
    }

    @Test
    void anEventNamingAnotherSupplierIsDeadLetteredAndTheViewKeepsItsOwner() {
        purchaseOrders.pipeInput("po-1", PurchaseOrders.issued("po-1", "acme"));
        purchaseOrders.pipeInput("po-1", PurchaseOrders.amended("po-1", "hooky", 1));
        assertThat(view("po-1").supplierId()).isEqualTo("acme");
        assertThat(view("po-1").line("1").orElseThrow().quantity()).isEqualTo(10);
        final var dead = driver.createOutputTopic(Topics.PURCHASE_ORDERS.deadLetterTopic(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.header(dead.getFirst().headers(), DeadLetters.ERROR_MESSAGE).orElseThrow())
                .contains("belongs to acme");
    }

    @Test
    void supplierEventsAreRememberedByMessageIdWithTheirDigest() {
        final SupplierEvent ack = new SupplierEvent(new PurchaseOrderAcknowledged("ev-1", Instant.now(), "po-1", "acme",
                "msg-1", List.of(new AcknowledgedLine("1", 10, LocalDate.parse("2026-12-10")))));
        final RecordHeaders headers = new RecordHeaders();
        headers.add(GatewayTopology.REQUEST_DIGEST_HEADER, "d1".getBytes());
        supplierEvents.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("po-1", ack, headers));

        final KeyValueStore<String, RememberedMessage> store = driver.getKeyValueStore(GatewayTopology.MESSAGE_IDS_STORE);
        final RememberedMessage remembered = store.get(RememberedMessage.key("acme", "msg-1"));
        assertThat(remembered.eventId()).isEqualTo("ev-1");
        assertThat(remembered.purchaseOrderId()).isEqualTo("po-1");
        assertThat(remembered.requestDigest()).isEqualTo("d1");
    }

    @Test
    void messageIdsAreForgottenOnceTheirAnswerIsOlderThanTheRetention() {
        final Instant now = Instant.now();
        pipeAcknowledgement("msg-old", now.minus(GatewayTopology.DEFAULT_MESSAGE_ID_RETENTION).minus(Duration.ofMinutes(1)));
        pipeAcknowledgement("msg-recent", now.minus(GatewayTopology.DEFAULT_MESSAGE_ID_RETENTION).plus(Duration.ofHours(2)));
        final KeyValueStore<String, RememberedMessage> store = driver.getKeyValueStore(GatewayTopology.MESSAGE_IDS_STORE);
        assertThat(store.get(RememberedMessage.key("acme", "msg-old"))).as("kept until the sweep").isNotNull();

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(store.get(RememberedMessage.key("acme", "msg-old"))).isNull();
        assertThat(store.get(RememberedMessage.key("acme", "msg-recent"))).isNotNull();
    }

    private void pipeAcknowledgement(final String messageId, final Instant occurredAt) {
        final SupplierEvent ack = new SupplierEvent(new PurchaseOrderAcknowledged("ev-" + messageId, occurredAt, "po-1",
                "acme", messageId, List.of(new AcknowledgedLine("1", 10, LocalDate.parse("2026-12-10")))));
        supplierEvents.pipeInput("po-1", ack);
    }

    @Test
    void topologyDescriptionIsPinned() {
        final Topology topology = topology();
        assertMatchesResource(topology, "/topology-description.txt");
        assertThat(topology.describe().toString()).contains("purchase-order-view", "route-to-kafka-suppliers", "supplier-topics-sink",
                "remember-supplier-messages", "suppliers-source", "purchase-orders", "supplier-message-ids");
    }
}
