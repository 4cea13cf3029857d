package io.restock.schemas.it;

import io.restock.events.NextOrder;
import io.restock.events.SkuSupply;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.deadletter.DeadLetterExceptionHandler;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter convention in a real exactly-once Kafka Streams application: a record that does
 * not deserialize and a record whose processing throws both land on {@code dlq.<source>} with the
 * reason in headers, and the good records around them are processed.
 */
@RestockKafka
class DeadLetterIT {

    @Test
    void poisonPillsGoToTheDeadLetterTopicAndTheRestKeepsFlowing(final KafkaEnvironment kafka,
                                                                  @TempDir final Path stateDir) throws Exception {
        final Duration timeout = Duration.ofSeconds(15);
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String output = "dead-letter-it.out-" + run;
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(List.of(Topics.SKU_SUPPLY));
            admin.createTopics(List.of(new NewTopic(output, 1, (short) 1))).all().get();
        }
        final EventSerdes serdes = EventSerdes.registry(registry, false);

        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SKU_SUPPLY.name(), Topics.SKU_SUPPLY.consumed(serdes).withName("read-promises"))
                .mapValues(p -> {
                    if (p.getSku().startsWith("boom")) {
                        throw new IllegalStateException("cannot promise " + p.getSku());
                    }
                    return p.getSku() + "@" + p.getOnOrder();
                }, Named.as("describe-promise"))
                .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));

        final Properties props = new Properties();
        props.putAll(DeadLetterExceptionHandler.streamsConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-it-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        final var promiseSerde = Topics.SKU_SUPPLY.valueSerde(serdes);
        final byte[] good1 = promiseSerde.serializer().serialize(Topics.SKU_SUPPLY.name(), promise("ok-1-" + run));
        final byte[] boom = promiseSerde.serializer().serialize(Topics.SKU_SUPPLY.name(), promise("boom-" + run));
        final byte[] good2 = promiseSerde.serializer().serialize(Topics.SKU_SUPPLY.name(), promise("ok-2-" + run));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SKU_SUPPLY.name(), 0, key("a", run), good1)).get();
            producer.send(new ProducerRecord<>(Topics.SKU_SUPPLY.name(), 0, key("b", run),
                    "{\"sku\":\"not avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.SKU_SUPPLY.name(), 0, key("c", run), boom)).get();
            producer.send(new ProducerRecord<>(Topics.SKU_SUPPLY.name(), 0, key("d", run), good2)).get();
        }

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            final List<ConsumerRecord<String, String>> out = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(kafka, new StringDeserializer())) {
                consumer.subscribe(List.of(output));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                    return out.size() >= 2;
                });
            }
            assertThat(out).extracting(ConsumerRecord::value)
                    .containsExactly("ok-1-" + run + "@15", "ok-2-" + run + "@15");

            final Map<String, ConsumerRecord<String, byte[]>> dead = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(DeadLetters.topicFor(Topics.SKU_SUPPLY.name())));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        final String k = r.key();
                        if (k.endsWith(run)) {
                            dead.put(k.substring(0, 1), r);
                        }
                    });
                    return dead.size() >= 2;
                });
            }
            assertThat(dead).containsOnlyKeys("b", "c");

            final var notAvro = dead.get("b");
            assertThat(notAvro.value()).isEqualTo("{\"sku\":\"not avro\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(header(notAvro, DeadLetters.STAGE)).isEqualTo("deserialization");
            assertThat(header(notAvro, DeadLetters.ERROR_REASON)).isEqualTo("NOT_FRAMED");
            assertThat(header(notAvro, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.SKU_SUPPLY.name());
            assertThat(header(notAvro, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(notAvro, DeadLetters.APPLICATION_ID)).isEqualTo("dead-letter-it-" + run);
            assertThat(Long.parseLong(header(notAvro, DeadLetters.SOURCE_OFFSET))).isNotNegative();

            final var thrown = dead.get("c");
            assertThat(thrown.value()).isEqualTo(boom);
            assertThat(header(thrown, DeadLetters.STAGE)).isEqualTo("processing");
            assertThat(header(thrown, DeadLetters.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(thrown, DeadLetters.ERROR_MESSAGE)).contains("cannot promise boom-" + run);
            assertThat(Instant.parse(header(thrown, DeadLetters.FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
        }
    }

    private static SkuSupply promise(final String sku) {
        return new SkuSupply(UUID.randomUUID().toString(), Instant.now(), sku, List.of(), new NextOrder("acme", 5, false), 15,
                0L, null, List.of(), null);
    }

    private static byte[] key(final String letter, final String run) {
        return (letter + "-" + run).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        return DeadLetters.header(record.headers(), name).orElseThrow(() -> new AssertionError("no header " + name));
    }

    private static <V> KafkaConsumer<String, V> consumer(final KafkaEnvironment kafka,
                                                         final org.apache.kafka.common.serialization.Deserializer<V> values) {
        final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("dead-letter-it-" + UUID.randomUUID()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
