package io.restock.inventory.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real inventory-stream (Micronaut, its HTTP server on a free port, its Kafka Streams application; kafka-test-support's
 * {@link ServiceUnderTest}) against the test run's broker and registry, with a fresh application id and state directory,
 * plus real HTTP calls and a producer for the events other services would write.
 */
final class RunningService implements AutoCloseable {

    static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.LINE_EVENTS,
            Topics.STOCK_MOVEMENTS, Topics.STOCK_LEVELS, Topics.STOCK_SHORTFALLS, Topics.SHIPMENT_REQUESTS,
            Topics.SKU_POLICIES, Topics.SUPPLIER_OFFERS, Topics.SKU_SUPPLY, Topics.DELIVERY_DATES);
    static final ObjectMapper JSON = new ObjectMapper();

    final ApplicationContext context;
    final String baseUrl;
    final EventSerdes serdes;
    private final ServiceUnderTest service;
    private final KafkaProducer<String, byte[]> producer;

    private RunningService(final ServiceUnderTest service, final EventSerdes serdes,
                           final KafkaProducer<String, byte[]> producer) {
        this.service = service;
        this.context = service.context();
        this.baseUrl = service.baseUrl();
        this.serdes = serdes;
        this.producer = producer;
    }

    static void provision(final KafkaEnvironment kafka) {
        final Duration timeout = Duration.ofSeconds(30);
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, new HttpSchemaRegistryClient(kafka.schemaRegistryUrl()), timeout,
                    kafka.bootstrapServers()).provision(TOPICS);
        }
    }

    /**
     * Starts an instance of application {@code applicationId} (its {@code application.server} is its HTTP server);
     * extra properties override the defaults.
     */
    static RunningService start(final KafkaEnvironment kafka, final String applicationId,
                                final Map<String, Object> extra) {
        final Map<String, Object> props = new HashMap<>();
        props.put("inventory-stream.streams.application-id", applicationId);
        props.put("inventory-stream.streams.config.replication.factor", 1);
        props.putAll(extra);
        final ServiceUnderTest service = ServiceUnderTest.start("inventory-stream", kafka, props);
        final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
        final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new StringSerializer(), new ByteArraySerializer());
        return new RunningService(service, serdes, producer);
    }

    static String newApplicationId() {
        return "inventory-stream-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes an event as its writer would (registry wire format), waiting for the ack. */
    <V> void publish(final Topic<String, V> topic, final String key, final V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key,
                    topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }

    /** An HTTP exchange's status, headers and body. */
    record Reply(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (final IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    Reply get(final String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply send(final String method, final String path, final String contentType, final String body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    Reply post(final String path, final String json) {
        return send("POST", path, "application/json", json);
    }

    Reply put(final String path, final String json) {
        return send("PUT", path, "application/json", json);
    }

    private Reply send(final HttpRequest.Builder request) {
        final HttpResponse<String> response = ServiceUnderTest.exchange(request.timeout(Duration.ofSeconds(30)).build());
        return new Reply(response.statusCode(), response);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        service.close();
    }
}
