package io.restock.suppliergateway.access;

import io.restock.kafkatest.SecuredBroker;
import io.restock.kafkatest.Closeables;
import io.restock.localkafka.LocalBroker;
import io.restock.schemas.access.AccessGrant;
import io.restock.schemas.access.AccessGrants;
import io.restock.schemas.access.AclApplier;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Kafka ACL isolation of the supplier topics (the shops' topics: order-intake's {@code ShopTopicAclIT}), on a
 * real broker of its own
 * ({@link LocalBroker} with SASL/SCRAM-SHA-512 and the StandardAuthorizer; the shared test broker has
 * neither), with the grants {@code bin/restock acl} applies ({@link AccessGrants}, {@link AclApplier}).
 */
class SupplierTopicAclIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SUPPLIER_A = "a";
    private static final String SUPPLIER_B = "b";
    private static final String SUPPLIER_C = "c";
    private static final String TOPIC_A = Topics.supplierPurchaseOrders(SUPPLIER_A).name();
    private static final String TOPIC_B = Topics.supplierPurchaseOrders(SUPPLIER_B).name();
    private static final String TOPIC_C = Topics.supplierPurchaseOrders(SUPPLIER_C).name();
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @TempDir
    static Path dir;

    private static LocalBroker broker;
    private static Admin admin;
    private static AclApplier acls;

    @BeforeAll
    static void startASecuredBroker() throws Exception {
        broker = SecuredBroker.start(dir.resolve("kafka"));
        admin = Admin.create(adminConfig());
        new TopicProvisioner(admin, new InMemorySchemaRegistryClient(), Duration.ofSeconds(30),
                broker.bootstrapServers()).provision(List.of(Topics.supplierPurchaseOrders(SUPPLIER_A),
                Topics.supplierPurchaseOrders(SUPPLIER_B), Topics.supplierPurchaseOrders(SUPPLIER_C),
                Topics.ORDER_EVENTS));
        for (final String user : List.of("supplier-a", "supplier-b", "supplier-c")) {
            PASSWORDS.put(user, UUID.randomUUID().toString());
            broker.upsertScramUser(user, PASSWORDS.get(user));
        }
        acls = new AclApplier(admin, Duration.ofSeconds(30));
        acls.grant(AccessGrants.supplier(SUPPLIER_A));
        acls.grant(AccessGrants.supplier(SUPPLIER_B));

        try (KafkaProducer<String, String> gateway = producer(broker.clientProperties())) {
            for (final String topic : List.of(TOPIC_A, TOPIC_B, TOPIC_C)) {
                gateway.send(new ProducerRecord<>(topic, "po-" + topic, "{\"purchaseOrderId\":\"po-" + topic + "\"}"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(admin, broker);
    }

    @Test
    void aSupplierConsumesItsOwnTopicWithAGroupUnderItsPrefix() {
        final String group = AccessGrants.supplierGroupPrefix(SUPPLIER_A) + "erp";
        try (KafkaConsumer<String, String> consumer = consumer("supplier-a", group)) {
            consumer.subscribe(List.of(TOPIC_A));

            final List<String> keys = pollUntilKey(consumer, "po-" + TOPIC_A);

            assertThat(keys).containsOnly("po-" + TOPIC_A);
            consumer.commitSync(Duration.ofSeconds(30));
            assertThat(consumer.committed(consumer.assignment(), Duration.ofSeconds(30)).values())
                    .extracting(OffsetAndMetadata::offset).containsOnly(0L, 1L).contains(1L);
        }
    }

    @Test
    void aSupplierIsRefusedAnotherSuppliersTopic() {
        assertThat(pollingAsSupplierA(AccessGrants.supplierGroupPrefix(SUPPLIER_A) + "snoop", TOPIC_B))
                .isExactlyInstanceOf(TopicAuthorizationException.class)
                .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                        .containsExactly(TOPIC_B));
        try (KafkaConsumer<String, String> consumer = consumer("supplier-a", null)) {
            consumer.assign(List.of(new TopicPartition(TOPIC_B, 0)));
            consumer.seekToBeginning(consumer.assignment());

            assertThatThrownBy(() -> pollFor(consumer))
                    .isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aSupplierIsRefusedAGroupUnderAnotherSuppliersPrefix() {
        final String group = AccessGrants.supplierGroupPrefix(SUPPLIER_B) + "erp";
        assertThat(pollingAsSupplierA(group, TOPIC_A))
                .isExactlyInstanceOf(GroupAuthorizationException.class)
                .satisfies(e -> assertThat(((GroupAuthorizationException) e).groupId()).isEqualTo(group));
    }

    @Test
    void aSupplierSeesOnlyItsOwnTopic() throws Exception {
        try (Admin supplierB = Admin.create(clientConfig("supplier-b"))) {
            assertThat(supplierB.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactly(TOPIC_B);
        }
    }

    @Test
    void revokingASuppliersGrantShutsItOut() {
        final AccessGrant grant = AccessGrants.supplier(SUPPLIER_C);
        final String group = AccessGrants.supplierGroupPrefix(SUPPLIER_C) + "erp";
        assertThat(acls.grant(grant).lines()).allMatch(line -> line.startsWith("added "));
        assertThat(acls.grant(grant).lines()).allMatch(line -> line.startsWith("already present "));
        try (KafkaConsumer<String, String> consumer = consumer("supplier-c", group)) {
            consumer.subscribe(List.of(TOPIC_C));
            assertThat(pollUntilKey(consumer, "po-" + TOPIC_C)).containsOnly("po-" + TOPIC_C);
        }

        assertThat(acls.revoke(grant).lines()).allMatch(line -> line.startsWith("removed "));

        try (KafkaConsumer<String, String> consumer = consumer("supplier-c", group)) {
            consumer.subscribe(List.of(TOPIC_C));
            assertThatThrownBy(() -> pollFor(consumer)).isInstanceOfAny(TopicAuthorizationException.class,
                    GroupAuthorizationException.class);
        }
    }

    /** Polls until {@code key} arrives; returns every key seen. */
    private static List<String> pollUntilKey(final KafkaConsumer<String, String> consumer, final String key) {
        final List<String> keys = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                keys.add(record.key());
            }
            return keys.contains(key);
        });
        return keys;
    }

    /** Polls for {@link #WAIT}; an authorization failure surfaces as the exception {@code poll} throws. */
    private static void pollFor(final KafkaConsumer<String, String> consumer) {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
    }

    private static Map<String, Object> adminConfig() {
        final Map<String, Object> config = broker.clientProperties();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    private static Map<String, Object> clientConfig(final String user) {
        final Map<String, Object> config = new HashMap<>(LocalBroker.Sasl.clientProperties(user, PASSWORDS.get(user)));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    /** What polling {@code topic} as supplier-a, subscribed in {@code group}, throws (null: nothing). */
    private static Throwable pollingAsSupplierA(final String group, final String topic) {
        try (KafkaConsumer<String, String> consumer = consumer("supplier-a", group)) {
            consumer.subscribe(List.of(topic));
            return catchThrowable(() -> pollFor(consumer));
        }
    }

    private static KafkaConsumer<String, String> consumer(final String user, final String group) {
        final Map<String, Object> config = clientConfig(user);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(final Map<String, Object> base) {
        final Map<String, Object> config = new HashMap<>(base);
        config.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
