package io.restock.suppliergateway.answers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Value;
import io.restock.events.SupplierEvent;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.publish.EdgeProducerConfig;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.publish.EdgeSend;
import io.restock.suppliergateway.topology.GatewayTopology;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Writes supplier answers to {@code procurement.supplier-events} (key purchaseOrderId, {@code SupplierEvent},
 * registry wire format) with the request digest in header {@value GatewayTopology#REQUEST_DIGEST_HEADER}.
 * acks=all, idempotent, {@code linger.ms=0}: the API answers 202 only after every in-sync replica has it.
 */
@Singleton
public final class SupplierEventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<SupplierEvent> serializer;

    public SupplierEventPublisher(@Value("${supplier-gateway.kafka.bootstrap-servers}") final String bootstrapServers,
                                  @Value("${supplier-gateway.producer.delivery-timeout:5s}") final Duration deliveryTimeout,
                                  final EventSerdes serdes, final MeterRegistry meters, final ClientLogin security) {
        this.producer = new KafkaProducer<>(
                security.applyTo(EdgeProducerConfig.properties(bootstrapServers, "supplier-gateway-answers",
                        deliveryTimeout, Duration.ofMillis(2000))),
                new StringSerializer(), new ByteArraySerializer());
        this.serializer = Topics.SUPPLIER_EVENTS.valueSerde(serdes).serializer();
        new KafkaClientMetrics(producer).bindTo(meters);
    }

    public CompletableFuture<Void> publish(final String purchaseOrderId, final SupplierEvent event, final String digest) {
        final ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(Topics.SUPPLIER_EVENTS.name(),
                    purchaseOrderId, serializer.serialize(Topics.SUPPLIER_EVENTS.name(), event));
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        record.headers().add(GatewayTopology.REQUEST_DIGEST_HEADER, digest.getBytes(StandardCharsets.UTF_8));
        return EdgeSend.send(producer, record).thenApply(metadata -> null);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
