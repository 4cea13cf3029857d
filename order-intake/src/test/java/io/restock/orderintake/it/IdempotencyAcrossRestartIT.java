package io.restock.orderintake.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.kafkatest.TopicReader;
import io.restock.events.OrderEvent;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.orderintake.SampleOrders;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency is decided in memory, made durable by the order records themselves: a restarted
 * instance with an empty state directory rebuilds the keys from {@code orders.order-events} before
 * it accepts orders (not from the status view's store, which is not on the create path), and then
 * answers a replay, a reused key and an order id placed through the Kafka entrance as before.
 */
@RestockKafka
class IdempotencyAcrossRestartIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRestartedInstanceRebuildsTheKeysFromTheOrderRecordsBeforeAcceptingOrders(final KafkaEnvironment kafka,
                                                                           @TempDir final Path dir) throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String orderId = run + "-restart";
        final String entranceOrderId = run + "-entrance";
        final byte[] body = SampleOrders.validOrder(orderId);
        IntakeApp.provision(kafka.bootstrapServers(), kafka.schemaRegistryUrl());
        final Map<String, Object> sameApplication = Map.of("order-intake.streams.application-id",
                "order-intake-it-restart-" + run);

        final HttpResponse<String> first;
        try (IntakeApp before = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(),
                dir.resolve("before"), sameApplication)) {
            first = before.createOrder(SHOP_A_KEY, "key-" + orderId, body);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            try (KafkaProducer<String, String> shop = new KafkaProducer<>(producerProperties(kafka),
                    new StringSerializer(), new StringSerializer())) {
                shop.send(new ProducerRecord<>(Topics.shopSubmissions("shop-a").name(), entranceOrderId,
                        "{\"type\":\"OrderPlaced\",\"shopId\":\"shop-a\",\"order\":"
                                + SampleOrders.validOrder().put("orderId", entranceOrderId) + "}")).get();
            }
            final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
            TopicReader.read(kafka.bootstrapServers(), Topics.ORDER_EVENTS.name(),
                    Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(), entranceOrderId::equals, 1);
        }

        try (IntakeApp after = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(),
                dir.resolve("after"), sameApplication)) {
            assertThat(after.guard().recent(orderId)).isEmpty();
            assertThat(after.guard().size()).isGreaterThanOrEqualTo(2);
            final HttpResponse<String> replay = after.createOrder(SHOP_A_KEY, "key-" + orderId, body);
            final HttpResponse<String> reused = after.createOrder(SHOP_A_KEY, "key-" + orderId,
                    SampleOrders.validOrder(orderId + "-other"));
            final HttpResponse<String> otherKey = after.createOrder(SHOP_A_KEY, "other-" + orderId, body);
            final HttpResponse<String> entranceOrder = after.createOrder(SHOP_A_KEY, "key-" + entranceOrderId,
                    SampleOrders.validOrder(entranceOrderId));

            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            assertThat(replay.body()).isEqualTo(first.body());
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertProblem(reused, 422, "idempotency-key-reused");
            assertProblem(otherKey, 409, "order-exists");
            assertProblem(entranceOrder, 409, "order-exists");
        }

        final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        final List<ConsumerRecord<String, OrderEvent>> stored = TopicReader.read(kafka.bootstrapServers(),
                Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(),
                key -> key.startsWith(run), 2);
        assertThat(stored).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(orderId, entranceOrderId);
    }

    private static Map<String, Object> producerProperties(final KafkaEnvironment kafka) {
        final Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static void assertProblem(final HttpResponse<String> response, final int status, final String type)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8)).get("type").asText())
                .isEqualTo("urn:restock:problem:" + type);
    }
}
