package io.restock.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SASL/SCRAM + StandardAuthorizer variant of the in-process broker: who gets in, and what ACLs decide. */
class SaslBrokerIT {

    private static final String TOPIC = "sasl.probe";

    @TempDir
    static Path dir;

    private static LocalBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalBroker.start(new LocalBroker.Settings(0, dir.resolve("kafka"), Duration.ofSeconds(90))
                .withSasl(new LocalBroker.Sasl("admin", "admin-secret")));
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        broker.upsertScramUser("nobody", "nobody-secret");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theAdminIsASuperUser() throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker.clientProperties())) {
            assertThat(producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS).offset())
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        final Map<String, Object> config = client(LocalBroker.Sasl.clientProperties("nobody", "not-the-password"));
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aUserWithoutAclsSeesNoTopicsAndCannotWrite() throws Exception {
        final Map<String, Object> config = client(LocalBroker.Sasl.clientProperties("nobody", "nobody-secret"));
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).isEmpty();
        }
        try (KafkaProducer<String, String> producer = producer(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static Map<String, Object> client(final Map<String, Object> security) {
        final Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    private static KafkaProducer<String, String> producer(final Map<String, Object> base) {
        final Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
