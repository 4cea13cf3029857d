package io.restock.service.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one producer of a service's HTTP edge (see {@link EdgePublisherFactory} for its settings): events keyed by a
 * string, their values in the topic's own serde (the registry's wire format), written with
 * {@link EdgeProducerConfig}'s settings (acks=all, idempotent, {@code linger.ms=0}), so a send completes with the
 * record's position once every in-sync replica has it, or fails within the delivery timeout: the longest a request
 * waits before its edge answers 503. A value that cannot be encoded fails the send, nothing is written. Its Kafka
 * client metrics are on the service's registry.
 */
public final class EdgePublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSerdes serdes;
    private final Map<String, Serializer<?>> serializers = new ConcurrentHashMap<>();

    /** @param config the producer's settings, login included ({@link EdgeProducerConfig#properties}) */
    public EdgePublisher(final Map<String, Object> config, final EventSerdes serdes, final MeterRegistry meters) {
        this.serdes = serdes;
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        new KafkaClientMetrics(producer).bindTo(meters);
    }

    /** Sends one event (a null value: a tombstone); completes when Kafka acknowledged it. */
    public <V> CompletableFuture<RecordMetadata> publish(final Topic<String, V> topic, final String key,
                                                         final V value) {
        return publish(topic, null, key, value, List.of());
    }

    /**
     * Sends one event with a timestamp of its own (null: the producer's clock) and headers; completes when Kafka
     * acknowledged it.
     */
    public <V> CompletableFuture<RecordMetadata> publish(final Topic<String, V> topic, final Long timestamp,
                                                         final String key, final V value,
                                                         final Iterable<Header> headers) {
        final byte[] bytes;
        try {
            bytes = value == null ? null : serializer(topic).serialize(topic.name(), value);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return EdgeSend.send(producer, new ProducerRecord<>(topic.name(), null, timestamp, key, bytes, headers));
    }

    /** Sends every event (in order, per key) and completes when all are acknowledged. */
    public <V> CompletableFuture<Void> publishAll(final Topic<String, V> topic,
                                                  final List<Map.Entry<String, V>> events) {
        final List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (final Map.Entry<String, V> e : events) {
            sends.add(publish(topic, e.getKey(), e.getValue()));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /**
     * Asks for {@code topic}'s metadata now, so the first request does not wait for it; if Kafka does not answer
     * within the producer's {@code max.block.ms}, says so in the log and returns (requests answer 503 until it does).
     */
    public void warmUp(final Topic<?, ?> topic) {
        try {
            producer.partitionsFor(topic.name());
        } catch (final RuntimeException e) {
            LoggerFactory.getLogger(EdgePublisher.class).warn(
                    "no metadata for {} yet ({}); requests will answer 503 until Kafka answers", topic.name(),
                    e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private <V> Serializer<V> serializer(final Topic<String, V> topic) {
        return (Serializer<V>) serializers.computeIfAbsent(topic.name(), n -> topic.valueSerde(serdes).serializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
