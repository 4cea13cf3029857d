package io.restock.orderintake.orders;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.events.OrderEvent;
import io.restock.schemas.topics.Topics;
import io.restock.service.publish.EdgePublisher;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the HTTP path's events to {@code orders.order-events} (key orderId, {@code OrderEvent} Avro) through the
 * service's {@link EdgePublisher} (acks=all, idempotent, {@code linger.ms=0}: a request waits for its own record
 * only). A send either completes with the record's position or fails within
 * {@code order-intake.producer.delivery-timeout}: that bound is the longest a create or cancel waits for Kafka before
 * answering 503. The topic's metadata is fetched when the service starts, so the first order does not wait for it.
 */
@Singleton
public final class OrderEventPublisher {

    private final EdgePublisher publisher;

    public OrderEventPublisher(final EdgePublisher publisher) {
        this.publisher = publisher;
    }

    @EventListener
    void warmUp(final StartupEvent event) {
        publisher.warmUp(Topics.ORDER_EVENTS);
    }

    /** Sends; the future completes on the producer's I/O thread. Never blocks beyond max-block. */
    public CompletableFuture<RecordMetadata> publish(final Long timestamp, final String orderId,
                                                     final OrderEvent event, final List<Header> headers) {
        return publisher.publish(Topics.ORDER_EVENTS, timestamp, orderId, event, headers);
    }

    /** {@link #publish(Long, String, OrderEvent, List)} now, without headers. */
    public CompletableFuture<RecordMetadata> publish(final String orderId, final OrderEvent event) {
        return publisher.publish(Topics.ORDER_EVENTS, orderId, event);
    }
}
