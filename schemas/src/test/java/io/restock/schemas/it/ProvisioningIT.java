package io.restock.schemas.it;

import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.ProvisioningException;
import io.restock.schemas.provisioning.ProvisioningReport;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.registry.RegistryException;
import io.restock.schemas.topics.Codec;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.TopicSpec;
import io.restock.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RestockKafka
class ProvisioningIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static ProvisioningReport provision(final KafkaEnvironment kafka, final List<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), TIMEOUT))) {
            return new TopicProvisioner(admin, new HttpSchemaRegistryClient(kafka.schemaRegistryUrl()), TIMEOUT,
                    kafka.bootstrapServers()).provision(topics);
        }
    }

    @Test
    void provisioningCreatesTheCatalogueAndASecondRunChangesNothing(final KafkaEnvironment kafka) throws Exception {
        provision(kafka, Topics.ALL);
        final ProvisioningReport again = provision(kafka, Topics.ALL);

        assertThat(again.created()).isEmpty();
        assertThat(again.drift()).isEmpty();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final var names = admin.listTopics().names().get();
            for (final Topic<?, ?> topic : Topics.ALL) {
                assertThat(names).contains(topic.name(), topic.deadLetterTopic());
            }
            final var levels = admin.describeTopics(List.of(Topics.STOCK_LEVELS.name())).allTopicNames().get()
                    .get(Topics.STOCK_LEVELS.name());
            assertThat(levels.partitions()).hasSize(TopicSpec.DEFAULT_PARTITIONS);
        }
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        assertThat(registry.subjects()).contains(Topics.ORDER_EVENTS.valueSubject(), Topics.LINE_EVENTS.valueSubject());
        assertThat(registry.compatibility(Topics.ORDER_EVENTS.valueSubject())).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(registry.lookup(Topics.ORDER_EVENTS.valueSubject(), Topics.ORDER_EVENTS.valueSchema().orElseThrow()))
                .isPositive();
    }

    @Test
    void driftIsReportedAndNeverChanged(final KafkaEnvironment kafka) throws Exception {
        final String name = "provisioning-test.drifted";
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        }
        final Topic<String, String> wanted = new Topic<>(name, Codec.string(), Codec.json(),
                TopicSpec.events(Duration.ofDays(1)), "drift test");

        final ProvisioningReport report = provision(kafka, List.of(wanted));

        assertThat(report.drift()).anySatisfy(d -> assertThat(d).contains(name, "2 partitions", "says 6"));
        assertThat(report.drift()).anySatisfy(d -> assertThat(d).contains(name, "retention.ms"));
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions()).hasSize(2);
        }
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutSayingWhere() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        final String nowhere = "127.0.0.1:" + closedPort;
        final Duration timeout = Duration.ofSeconds(3);
        final long start = System.nanoTime();
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(nowhere, timeout))) {
            final var provisioner = new TopicProvisioner(admin, new HttpSchemaRegistryClient("http://127.0.0.1:1"),
                    timeout, nowhere);
            assertThatThrownBy(() -> provisioner.provision(Topics.ALL))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining(nowhere)
                    .hasMessageContaining("is Kafka running there?");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout, with room for a loaded machine").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anUnreachableRegistryFailsWithAClearMessage(final KafkaEnvironment kafka) throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), TIMEOUT))) {
            final var provisioner = new TopicProvisioner(admin,
                    new HttpSchemaRegistryClient("http://127.0.0.1:" + closedPort + "/apis/ccompat/v7", Duration.ofSeconds(3)),
                    TIMEOUT, kafka.bootstrapServers());
            assertThatThrownBy(() -> provisioner.provision(List.of(Topics.SKU_POLICIES)))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("schema registry at http://127.0.0.1:" + closedPort)
                    .hasMessageContaining("not reachable");
        }
    }

    @Test
    void theRealRegistryRefusesAnIncompatibleSchemaUnderBackwardTransitive(final KafkaEnvironment kafka) {
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        final String subject = "provisioning-test.compat-value";
        final Schema v1 = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
        final Schema breaking = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"size\",\"type\":\"int\"}]}");
        registry.setCompatibility(subject, "BACKWARD_TRANSITIVE");
        registry.register(subject, v1);

        assertThat(registry.compatibilityProblems(subject, breaking)).isNotEmpty();
        assertThatThrownBy(() -> registry.register(subject, breaking)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("409");
        assertThat(Map.of("subjects", registry.subjects())).extracting("subjects").asList().contains(subject);
    }
}
