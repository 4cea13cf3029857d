package io.restock.service.publish;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeSendTest {

    private static final ProducerRecord<String, String> RECORD = new ProducerRecord<>("t", "k", "v");

    @Test
    void theAnswerWaitsForKafkasAcknowledgement() {
        final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        final CompletableFuture<RecordMetadata> sent = EdgeSend.send(producer, RECORD);
        assertThat(sent).isNotDone();

        producer.completeNext();

        assertThat(sent).isCompletedWithValueMatching(metadata -> "t".equals(metadata.topic()));
    }

    @Test
    void aFailedOrRefusedSendFailsTheAnswerInsteadOfThrowing() {
        final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        final CompletableFuture<RecordMetadata> failed = EdgeSend.send(producer, RECORD);
        producer.errorNext(new TimeoutException("delivery timeout"));
        assertThat(failed).isCompletedExceptionally();

        producer.close();
        assertThat(EdgeSend.send(producer, RECORD)).isCompletedExceptionally();
    }
}
