package io.restock.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What every module's integration tests rely on: a broker with exactly-once support and a registry. */
@RestockKafka
class KafkaExtensionIT {

    private final KafkaEnvironment kafka;

    KafkaExtensionIT(final KafkaEnvironment kafka) {
        this.kafka = kafka;
    }

    @Test
    void anIdempotentProducerWritesWhatAConsumerReads() throws Exception {
        final String topic = uniqueTopic();
        kafka.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "sku-1", "reserved")).get(30, TimeUnit.SECONDS);
        }

        assertThat(readAll(topic, "read_uncommitted", 1)).containsExactly("sku-1=reserved");
    }

    @Test
    void readCommittedConsumersSeeCommittedTransactionsOnly() throws Exception {
        final String topic = uniqueTopic();
        kafka.createTopic(topic, 1);

        try (KafkaProducer<String, String> producer = producer(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "sku-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "sku-1", "committed"));
            producer.commitTransaction();
        }

        assertThat(readAll(topic, "read_committed", 1)).containsExactly("sku-1=committed");
    }

    @Test
    void theRegistryRegistersAndServesSchemasThroughTheConfluentCompatibleApi() throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final String subject = uniqueTopic() + "-value";
        final String schema = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";

        final HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(kafka.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        final Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
        assertThat(id.find()).as(registered.body()).isTrue();

        final HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(
                URI.create(kafka.schemaRegistryUrl() + "/schemas/ids/" + id.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("Probe");
    }

    private KafkaProducer<String, String> producer(final Map<String, Object> extra) {
        final Map<String, Object> config = kafka.producerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private List<String> readAll(final String topic, final String isolation, final int expected) {
        final Map<String, Object> config = kafka.consumerProperties("group-" + topic);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        final List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return seen.size() >= expected;
            });
            // Anything else already written would arrive with the same fetch; one more poll makes sure.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.key() + "=" + record.value()));
        }
        return seen;
    }

    private static String uniqueTopic() {
        return "test." + UUID.randomUUID();
    }
}
