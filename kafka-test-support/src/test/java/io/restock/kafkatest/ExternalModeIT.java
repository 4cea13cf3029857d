package io.restock.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.restock.kafkatest.KafkaEnvironment.Mode;
import io.restock.localkafka.LocalBroker;
import io.restock.localkafka.LocalRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXTERNAL mode against a broker and registry that this test starts itself, as CI or a developer would. */
class ExternalModeIT {

    @TempDir
    Path dir;

    @Test
    void usesTheBrokerAndRegistryNamedInTheEnvironment() throws Exception {
        try (LocalBroker broker = LocalBroker.start(LocalBroker.Settings.of(dir.resolve("kafka")).withPort(0));
             LocalRegistry registry = LocalRegistry.start(LocalRegistry.Settings.inMemory(dir.resolve("registry.log")))) {

            final var choice = KafkaEnvironments.choose(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SCHEMA_REGISTRY_URL", registry.compatibleApiUrl()), new Properties(), () -> true);
            try (KafkaEnvironments.Provisioned provisioned = KafkaEnvironments.provision(choice)) {
                final KafkaEnvironment kafka = provisioned.environment();
                assertThat(kafka.mode()).isEqualTo(Mode.EXTERNAL);
                assertThat(kafka.bootstrapServers()).isEqualTo(broker.bootstrapServers());

                kafka.createTopic("external.probe", 1);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties(),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("external.probe", "k", "v")).get(30, TimeUnit.SECONDS);
                }
                final List<String> seen = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        kafka.consumerProperties("external-test"), new StringDeserializer(),
                        new StringDeserializer())) {
                    consumer.subscribe(List.of("external.probe"));
                    await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key() + "=" + r.value()));
                        return !seen.isEmpty();
                    });
                }
                assertThat(seen).containsExactly("k=v");

                final HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(kafka.schemaRegistryUrl() + "/subjects")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(subjects.statusCode()).isEqualTo(200);
                assertThat(subjects.body()).isEqualTo("[]");
            }
        }
    }
}
