package io.restock.service.publish;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Map;

/**
 * The producer settings of an HTTP edge that answers only after Kafka has the event: acks=all,
 * idempotent, {@code linger.ms=0} (a request waits for its own record only; with the default 5 ms,
 * 64 connections could not exceed ~10k requests/s), and a send that completes or fails within
 * {@code deliveryTimeout} (the request timeout is a second less, at least one second), so that
 * bound is the longest a request waits before the edge answers 503.
 */
public final class EdgeProducerConfig {

    private EdgeProducerConfig() {
    }

    /**
     * @param maxBlock how long {@code send()} may block the caller waiting for metadata
     */
    public static Map<String, Object> properties(final String bootstrapServers, final String clientId,
                                                 final Duration deliveryTimeout, final Duration maxBlock) {
        final long request = Math.max(1000, deliveryTimeout.toMillis() - 1000);
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(deliveryTimeout.toMillis(), request),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
    }
}
