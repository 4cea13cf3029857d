package io.restock.orderintake.orders;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.restock.events.OrderEvent;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.publish.EdgeProducerConfig;
import io.restock.service.publish.EdgeSend;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the HTTP path's events to {@code orders.order-events} (key orderId, {@code OrderEvent} Avro):
 * acks=all, idempotent, {@code linger.ms=0} (a request waits for its own record only; with the
 * default 5 ms, 64 connections could not exceed ~10k orders/s). A send either completes with the
 * record's position or fails within {@code order-intake.producer.delivery-timeout}: that bound is
 * the longest a create or cancel waits for Kafka before answering 503.
 */
@Singleton
public final class OrderEventPublisher {

    private final KafkaProducer<String, OrderEvent> producer;
    private final MeterRegistry meters;

    public OrderEventPublisher(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                               @Value("${order-intake.producer.delivery-timeout:5s}") final Duration deliveryTimeout,
                               @Value("${order-intake.producer.max-block:1s}") final Duration maxBlock,
                               final EventSerdes serdes, final MeterRegistry meters, final ClientLogin login) {
        this.meters = meters;
        this.producer = new KafkaProducer<>(
                login.applyTo(EdgeProducerConfig.properties(bootstrapServers, "order-intake-http", deliveryTimeout,
                        maxBlock)),
                new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(serdes).serializer());
    }

    @EventListener
    void warmUp(final StartupEvent event) {
        new KafkaClientMetrics(producer).bindTo(meters);
        try {
            producer.partitionsFor(Topics.ORDER_EVENTS.name());
        } catch (final RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(OrderEventPublisher.class)
                    .warn("no metadata for {} yet ({}); requests will answer 503 until Kafka answers",
                            Topics.ORDER_EVENTS.name(), e.toString());
        }
    }

    /** Sends; the future completes on the producer's I/O thread. Never blocks beyond max-block. */
    public CompletableFuture<RecordMetadata> publish(final ProducerRecord<String, OrderEvent> record) {
        return EdgeSend.send(producer, record);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
