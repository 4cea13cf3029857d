package io.restock.schemas.it;

import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.SampleEvents;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event, written transactionally by Restock's serde to its provisioned topic, read back by a fresh reader. */
@RestockKafka
class WireFormatIT {

    @BeforeAll
    static void provision(final KafkaEnvironment kafka) {
        final Duration timeout = Duration.ofSeconds(15);
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, new HttpSchemaRegistryClient(kafka.schemaRegistryUrl()), timeout,
                    kafka.bootstrapServers()).provision(Topics.ALL);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyEventRoundTripsThroughTheRealBrokerAndRegistry(final KafkaEnvironment kafka) {
        // Writers never register: provisioning did, as in production.
        final EventSerdes writers = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        final EventSerdes readers = EventSerdes.registry(new HttpSchemaRegistryClient(kafka.schemaRegistryUrl()), false);
        final String run = UUID.randomUUID().toString();

        final Map<String, Object> producerProps = new HashMap<>(kafka.producerProperties());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "wire-format-it-" + run);
        final Map<Topic<?, ?>, List<SpecificRecord>> samples = SampleEvents.byTopic();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            samples.forEach((topic, records) -> {
                final Serde serde = topic.valueSerde(writers);
                for (final SpecificRecord record : records) {
                    producer.send(new ProducerRecord<>(topic.name(), run, serde.serializer().serialize(topic.name(), record)));
                }
            });
            producer.commitTransaction();
        }

        final Map<String, Object> consumerProps = new HashMap<>(kafka.consumerProperties("wire-format-it-" + run));
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        final int expected = samples.values().stream().mapToInt(List::size).sum();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(samples.keySet().stream().map(Topic::name).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (run.equals(r.key())) {
                        seen.add(r);
                    }
                });
                return seen.size() >= expected;
            });
        }

        assertThat(seen).hasSize(expected);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        for (final ConsumerRecord<String, byte[]> record : seen) {
            final Topic<?, ?> topic = Topics.byName(record.topic()).orElseThrow();
            assertThat(record.value()[0]).as("magic byte").isZero();
            final int id = ByteBuffer.wrap(record.value(), 1, 4).getInt();
            assertThat(id).as("the frame's id is the registry's id for the subject")
                    .isEqualTo(registry.lookup(topic.valueSubject(), topic.valueSchema().orElseThrow()));
            final Object read = ((Serde) topic.valueSerde(readers)).deserializer().deserialize(record.topic(), record.value());
            assertThat(samples.get(topic)).anySatisfy(sample ->
                    assertThat(read).usingRecursiveComparison().isEqualTo(sample));
        }
    }
}
