package io.restock.service.publish;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * An HTTP edge's send: a future the controller can answer from, completed on the producer's I/O thread when Kafka
 * acknowledged the record (acks=all with {@link EdgeProducerConfig}), or failed with the send's error, also when the
 * send itself throws (a serializer, a full buffer past {@code max.block.ms}). Never blocks beyond {@code max.block.ms}.
 */
public final class EdgeSend {

    private EdgeSend() {
    }

    public static <K, V> CompletableFuture<RecordMetadata> send(final Producer<K, V> producer,
                                                                final ProducerRecord<K, V> record) {
        final CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (final RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
