package io.restock.inventory.publish;

import io.restock.service.kafka.ClientLogin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Value;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.service.publish.EdgeProducerConfig;
import io.restock.service.publish.EdgeSend;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the HTTP edges' events: {@code inventory.stock-movements} (key sku, {@code StockMovement}) and
 * {@code catalog.sku-policies} (key sku, {@code SkuPolicy}), in the registry's wire format. One
 * producer, acks=all and idempotent, {@code linger.ms=0} (a request waits for its own records only).
 * A send completes with the record's position once every in-sync replica has it, or fails within
 * {@code inventory-stream.producer.delivery-timeout}: the longest a request waits before 503.
 */
@Singleton
public final class EventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSerdes serdes;
    private final Map<String, Serializer<?>> serializers = new ConcurrentHashMap<>();

    public EventPublisher(@Value("${inventory-stream.kafka.bootstrap-servers}") final String bootstrapServers,
                          @Value("${inventory-stream.producer.delivery-timeout:5s}") final Duration deliveryTimeout,
                          @Value("${inventory-stream.producer.max-block:2s}") final Duration maxBlock,
                          final EventSerdes serdes, final MeterRegistry meters, final ClientLogin login) {
        this.serdes = serdes;
        this.producer = new KafkaProducer<>(
                login.applyTo(EdgeProducerConfig.properties(bootstrapServers, "inventory-stream-http", deliveryTimeout,
                        maxBlock)),
                new StringSerializer(), new ByteArraySerializer());
        new KafkaClientMetrics(producer).bindTo(meters);
    }

    /** Sends one event; completes when Kafka acknowledged it (acks=all). */
    public <V extends SpecificRecord> CompletableFuture<RecordMetadata> publish(final Topic<String, V> topic,
                                                                                final String key, final V value) {
        final byte[] bytes;
        try {
            bytes = serializer(topic).serialize(topic.name(), value);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return EdgeSend.send(producer, new ProducerRecord<>(topic.name(), key, bytes));
    }

    /** Sends every event (in order, per key) and completes when all are acknowledged. */
    public <V extends SpecificRecord> CompletableFuture<Void> publishAll(final Topic<String, V> topic,
                                                                         final List<Map.Entry<String, V>> events) {
        final List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (final Map.Entry<String, V> e : events) {
            sends.add(publish(topic, e.getKey(), e.getValue()));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> Serializer<V> serializer(final Topic<String, V> topic) {
        return (Serializer<V>) serializers.computeIfAbsent(topic.name(), n -> topic.valueSerde(serdes).serializer());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
