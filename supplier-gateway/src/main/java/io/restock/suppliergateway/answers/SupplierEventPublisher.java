package io.restock.suppliergateway.answers;

import io.restock.events.SupplierEvent;
import io.restock.schemas.topics.Topics;
import io.restock.service.publish.EdgePublisher;
import io.restock.suppliergateway.topology.GatewayTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes supplier answers to {@code procurement.supplier-events} (key purchaseOrderId, {@code SupplierEvent},
 * registry wire format) with the request digest in header {@value GatewayTopology#REQUEST_DIGEST_HEADER}, through the
 * service's {@link EdgePublisher} (acks=all, idempotent, {@code linger.ms=0}): the API answers 202 only after every
 * in-sync replica has it, or 503 after {@code supplier-gateway.producer.delivery-timeout}.
 */
@Singleton
public final class SupplierEventPublisher {

    private final EdgePublisher publisher;

    public SupplierEventPublisher(final EdgePublisher publisher) {
        this.publisher = publisher;
    }

    public CompletableFuture<Void> publish(final String purchaseOrderId, final SupplierEvent event, final String digest) {
        return publisher.publish(Topics.SUPPLIER_EVENTS, null, purchaseOrderId, event, List.of(new RecordHeader(
                GatewayTopology.REQUEST_DIGEST_HEADER, digest.getBytes(StandardCharsets.UTF_8)))).thenApply(metadata -> null);
    }
}
