package io.restock.suppliergateway.access;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restock.kafkatest.SecuredBroker;
import io.restock.kafkatest.Closeables;
import io.restock.events.PurchaseOrderEvent;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.kafkatest.RestockKafka;
import io.restock.localkafka.LocalBroker;
import io.restock.localkafka.Ports;
import io.restock.schemas.access.AccessGrants;
import io.restock.schemas.access.AclApplier;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.suppliergateway.PurchaseOrders;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderDocument;
import io.restock.suppliergateway.directory.SupplierDirectory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * supplier-gateway on a secured cluster ({@link LocalBroker} with SASL/SCRAM and the StandardAuthorizer),
 * logged in as a principal of its own that holds only {@link AccessGrants#supplierGateway(String, String)}:
 * its Streams application, producers, webhook consumer and topic admin all work, and a supplier holding
 * only its own grant reads what the gateway routed to it. The registry is the test run's shared one.
 */
@RestockKafka
class SecuredGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APPLICATION_ID = "supplier-gateway-secured-it";
    private static final String GATEWAY_USER = APPLICATION_ID;
    private static final String SUPPLIER = "a";
    private static final String SUPPLIER_KEY = "a-key-" + UUID.randomUUID();
    private static final String ADMIN_KEY = "admin-key-" + UUID.randomUUID();
    private static final String GATEWAY_PASSWORD = UUID.randomUUID().toString();
    private static final String SUPPLIER_PASSWORD = UUID.randomUUID().toString();

    @TempDir
    static Path dir;

    private static LocalBroker broker;
    private static ApplicationContext context;
    private static String baseUrl;
    private static EventSerdes serdes;

    @BeforeAll
    static void start(final KafkaEnvironment shared) throws Exception {
        broker = SecuredBroker.start(dir.resolve("kafka"));
        final Map<String, Object> adminConfig = broker.clientProperties();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(adminConfig)) {
            new TopicProvisioner(admin, new HttpSchemaRegistryClient(shared.schemaRegistryUrl()), Duration.ofSeconds(30),
                    broker.bootstrapServers()).provision(List.of(Topics.PURCHASE_ORDERS, Topics.SUPPLIER_EVENTS,
                    Topics.supplierPurchaseOrders(SUPPLIER)));
            broker.upsertScramUser(GATEWAY_USER, GATEWAY_PASSWORD);
            broker.upsertScramUser("supplier-" + SUPPLIER, SUPPLIER_PASSWORD);
            final AclApplier acls = new AclApplier(admin, Duration.ofSeconds(30));
            acls.grant(AccessGrants.supplierGateway(APPLICATION_ID, "User:" + GATEWAY_USER));
            acls.grant(AccessGrants.supplier(SUPPLIER));
        }
        serdes = EventSerdes.registry(shared.schemaRegistryUrl(), false);

        final int port = Ports.pickFree();
        final Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", port);
        properties.put("endpoints.all.port", port);
        properties.put("supplier-gateway.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("supplier-gateway.kafka.schema-registry-url", shared.schemaRegistryUrl());
        properties.putAll(SecuredBroker.login("supplier-gateway", GATEWAY_USER, GATEWAY_PASSWORD));
        properties.put("supplier-gateway.streams.application-id", APPLICATION_ID);
        properties.put("supplier-gateway.webhooks.group-id", APPLICATION_ID + "-webhooks");
        properties.put("supplier-gateway.admin.api-key-sha256", SupplierDirectory.sha256Hex(ADMIN_KEY));
        properties.put("supplier-gateway.suppliers." + SUPPLIER + ".channel", "KAFKA");
        properties.put("supplier-gateway.suppliers." + SUPPLIER + ".api-key-sha256", SupplierDirectory.sha256Hex(SUPPLIER_KEY));
        properties.put("supplier-gateway.suppliers.acme.channel", "WEBHOOK");
        properties.put("supplier-gateway.suppliers.acme.webhook-url", "http://127.0.0.1:1/unused");
        properties.put("supplier-gateway.suppliers.acme.signing-secrets", List.of("whsec_" + UUID.randomUUID()));
        properties.put("supplier-gateway.streams.state-dir", dir.resolve("state").toString());
        properties.put("supplier-gateway.streams.config.replication.factor", 1);
        baseUrl = "http://127.0.0.1:" + port;
        context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        // RUNNING once an unknown order answers 404 rather than 503.
        await().atMost(WAIT).until(() -> get("/purchase-orders/none", SUPPLIER_KEY).statusCode() == 404);
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(context, broker);
    }

    @Test
    void theGatewayWorksWithOnlyItsOwnGrantAndTheSupplierReadsItsOrderWithOnlyItsOwn() throws Exception {
        final String po = "po-" + UUID.randomUUID().toString().substring(0, 8);
        final PurchaseOrderEvent issued = PurchaseOrders.issued(po, SUPPLIER);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PURCHASE_ORDERS.name(), po, Topics.PURCHASE_ORDERS.valueSerde(serdes)
                    .serializer().serialize(Topics.PURCHASE_ORDERS.name(), issued))).get(30, TimeUnit.SECONDS);
        }

        // Streams (exactly once) routed it to the supplier's topic; the supplier reads it with its own grant.
        assertThat(readAsSupplier(po)).containsExactly(PurchaseOrderDocument.json(issued));

        // The view has it, and an answer goes through the answer producer.
        await().atMost(WAIT).until(() -> get("/purchase-orders/" + po, SUPPLIER_KEY).statusCode() == 200);
        final HttpResponse<String> ack = send(HttpRequest.newBuilder(URI.create(baseUrl + "/purchase-orders/" + po
                + "/acknowledgements")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\":\"m-1\",\"decision\":\"ACCEPT\",\"promisedDate\":\""
                        + LocalDate.now().plusDays(20) + "\"}")), SUPPLIER_KEY);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(202);

        // The admin API creates a new supplier's topic and writes the registry topic.
        final HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/suppliers/b"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"B\",\"channel\":\"KAFKA\",\"apiKeySha256\":\"" + SupplierDirectory.sha256Hex("b-key")
                                + "\"}")), ADMIN_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    }

    private static List<String> readAsSupplier(final String po) {
        final Map<String, Object> config = new HashMap<>(LocalBroker.Sasl.clientProperties("supplier-" + SUPPLIER,
                SUPPLIER_PASSWORD));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, AccessGrants.supplierGroupPrefix(SUPPLIER) + "erp");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.supplierPurchaseOrders(SUPPLIER).name()));
            await().atMost(WAIT).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (po.equals(record.key())) {
                        values.add(record.value());
                    }
                }
                return !values.isEmpty();
            });
        }
        return values;
    }

    private static Map<String, Object> producerConfig() {
        final Map<String, Object> config = broker.clientProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return config;
    }

    private static HttpResponse<String> get(final String path, final String key) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), key);
    }

    private static HttpResponse<String> send(final HttpRequest.Builder request, final String key) {
        request.header("Authorization", "Bearer " + key);
        return ServiceUnderTest.exchange(request.timeout(Duration.ofSeconds(30)).build());
    }
}
