package io.restock.orderintake.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.kafkatest.SecuredBroker;
import io.restock.kafkatest.Closeables;
import io.restock.kafkatest.TopicReader;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.localkafka.LocalBroker;
import io.restock.orderintake.SampleOrders;
import io.restock.schemas.access.AccessGrants;
import io.restock.schemas.access.AclApplier;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restock.orderintake.it.IntakeApp.SHOP_B_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A shop's identity on the Kafka entrance is bound to the writer: on a secured broker of its own ({@link LocalBroker}
 * with SASL/SCRAM and the StandardAuthorizer), shops {@code shop-a} and {@code shop-b} log in as
 * {@code User:shop-shop-a} / {@code User:shop-shop-b} with exactly the ACLs {@code bin/restock acl shop} grants
 * ({@link AccessGrants#shop}), and order-intake (logged in as the broker's admin) reads every shop's submissions
 * topic and takes the shop from the topic's name.
 */
@RestockKafka
class ShopTopicAclIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "shop-a";
    private static final String B = "shop-b";
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @TempDir
    static Path dir;

    private static LocalBroker broker;
    private static IntakeApp app;
    private static String registryUrl;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startASecuredBrokerWithTwoShopsAndOrderIntake(final KafkaEnvironment shared) {
        registryUrl = shared.schemaRegistryUrl();
        broker = SecuredBroker.start(dir.resolve("kafka"));
        try (Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, new HttpSchemaRegistryClient(shared.schemaRegistryUrl()),
                    Duration.ofSeconds(30), broker.bootstrapServers()).provision(IntakeApp.catalogueAndShopTopics());
            final AclApplier acls = new AclApplier(admin, Duration.ofSeconds(30));
            for (final String shop : List.of(A, B)) {
                final String user = AccessGrants.shopPrincipal(shop).substring("User:".length());
                PASSWORDS.put(shop, UUID.randomUUID().toString());
                broker.upsertScramUser(user, PASSWORDS.get(shop));
                acls.grant(AccessGrants.shop(shop, false));
            }
        }
        app = IntakeApp.start(broker.bootstrapServers(), shared.schemaRegistryUrl(), dir.resolve("state"),
                SecuredBroker.adminLogin("order-intake", broker));
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(app, broker);
    }

    @Test
    void aShopCannotWriteToAnotherShopsSubmissionsTopic() {
        try (KafkaProducer<String, String> shopA = producer(A)) {
            assertThatThrownBy(() -> shopA.send(new ProducerRecord<>(Topics.shopSubmissions(B).name(), "x",
                    "{}")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aShopCannotReadAnotherShopsOutcomes() {
        try (KafkaConsumer<String, String> shopA = consumer(A, AccessGrants.shopGroupPrefix(A) + "snoop")) {
            shopA.subscribe(List.of(Topics.shopSubmissionOutcomes(B).name()));

            assertThatThrownBy(() -> pollFor(shopA, Duration.ofSeconds(20)))
                    .isExactlyInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(Topics.shopSubmissionOutcomes(B).name()));
        }
    }

    @Test
    void aRecordOnAShopsTopicClaimingAnotherShopIsRejectedAsShopMismatchAndPlacesNoOrder() throws Exception {
        final String orderId = RUN + "-claims-b";
        send(A, orderId, "{\"type\":\"OrderPlaced\",\"shopId\":\"" + B + "\",\"order\":"
                + SampleOrders.validOrder().put("orderId", orderId) + "}");

        final JsonNode told = outcomeOf(A, orderId);

        assertThat(told.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(told.get("reason").asText()).isEqualTo("SHOP_MISMATCH");
        assertThat(told.get("shopId").asText()).isEqualTo(A);
        // The outcome is committed in the transaction an order event would have been in: read to the end.
        assertThat(TopicReader.read(broker.clientProperties(), Topics.ORDER_EVENTS.name(),
                new ByteArrayDeserializer(), orderId::equals, 0)).isEmpty();
        final List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(broker.clientProperties(),
                Topics.shopSubmissions(A).deadLetterTopic(), new ByteArrayDeserializer(), orderId::equals, 1);
        assertThat(DeadLetters.header(dead.getFirst().headers(), DeadLetters.ERROR_REASON)).contains("SHOP_MISMATCH");
        assertThat(app.get("/orders/" + orderId, SHOP_B_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void aShopsOwnOrderIsAcceptedWithAnAcceptedOutcome() throws Exception {
        final String orderId = RUN + "-own";
        send(A, orderId, "{\"type\":\"OrderPlaced\",\"order\":"
                + SampleOrders.validOrder().put("orderId", orderId) + "}");

        final JsonNode told = outcomeOf(A, orderId);

        assertThat(told.get("outcome").asText()).isEqualTo("ACCEPTED");
        final EventSerdes serdes = EventSerdes.registry(registryUrl, false);
        final List<ConsumerRecord<String, OrderEvent>> placed = TopicReader.read(broker.clientProperties(),
                Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(), orderId::equals, 1);
        assertThat(placed).singleElement().satisfies(r -> {
            final OrderPlaced event = (OrderPlaced) r.value().getEvent();
            assertThat(event.getShopId()).isEqualTo(A);
            assertThat(event.getEventId()).isEqualTo(told.get("eventId").asText());
        });
    }

    /** Writes one submission as {@code shop}, to its own topic. */
    private static void send(final String shop, final String orderId, final String json) throws Exception {
        try (KafkaProducer<String, String> producer = producer(shop)) {
            producer.send(new ProducerRecord<>(Topics.shopSubmissions(shop).name(), orderId, json))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads, as {@code shop} with a group under its prefix, the outcome of its submission keyed {@code orderId}. */
    private static JsonNode outcomeOf(final String shop, final String orderId) {
        final List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(shop,
                AccessGrants.shopGroupPrefix(shop) + "outcomes-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.shopSubmissionOutcomes(shop).name()));
            await().atMost(WAIT).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        found.add(JSON.readTree(record.value()));
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }

    /** Polls for {@code duration}; an authorization failure surfaces as the exception {@code poll} throws. */
    private static void pollFor(final KafkaConsumer<String, String> consumer, final Duration duration) {
        final long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
    }

    private static Map<String, Object> clientConfig(final String shop) {
        final String user = AccessGrants.shopPrincipal(shop).substring("User:".length());
        final Map<String, Object> config = new HashMap<>(LocalBroker.Sasl.clientProperties(user, PASSWORDS.get(shop)));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    private static KafkaConsumer<String, String> consumer(final String shop, final String group) {
        final Map<String, Object> config = clientConfig(shop);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(final String shop) {
        final Map<String, Object> config = clientConfig(shop);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
