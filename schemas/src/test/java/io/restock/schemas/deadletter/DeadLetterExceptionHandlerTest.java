package io.restock.schemas.deadletter;

import io.restock.schemas.registry.RegistryUnavailableException;
import io.restock.schemas.serde.EventDecodingException;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad record is dead-lettered and processing resumes; a good record that met a registry outage is not. */
class DeadLetterExceptionHandlerTest {

    private final DeadLetterExceptionHandler handler = handler();

    @Test
    void aRecordThatCannotBeDecodedIsDeadLetteredAndProcessingResumes() {
        final DeserializationExceptionHandler.Response response = handler.handleError(context(), record(),
                new EventDecodingException(EventDecodingException.Reason.NOT_FRAMED, Topics.ORDER_EVENTS.name(),
                        "no magic byte", null));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(dead -> assertThat(dead.topic()).isEqualTo("dlq." + Topics.ORDER_EVENTS.name()));
    }

    @Test
    void aRecordThatMetARegistryOutageIsNotDeadLetteredButFailsTheThreadToBeTriedAgain() {
        final DeserializationExceptionHandler.Response response = handler.handleError(context(), record(),
                new RegistryUnavailableException("schema registry at http://127.0.0.1:8081 is not reachable"));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void anOutputThatCannotGetItsSchemaIdDuringARegistryOutageIsNotDeadLettered() {
        final ProductionExceptionHandler.Response response = handler.handleSerializationError(context(), null,
                new SerializationException("cannot get a schema id for subject inventory.line-events-value",
                        new RegistryUnavailableException("connection refused")),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static DeadLetterExceptionHandler handler() {
        final DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();
        handler.configure(Map.of("application.id", "inventory-stream"));
        return handler;
    }

    private static ConsumerRecord<byte[], byte[]> record() {
        return new ConsumerRecord<>(Topics.ORDER_EVENTS.name(), 0, 42L, "o-1".getBytes(), new byte[] {1, 2, 3});
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return Topics.ORDER_EVENTS.name();
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 42L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "read-order-events";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return "o-1".getBytes();
            }

            @Override
            public byte[] sourceRawValue() {
                return new byte[] {1, 2, 3};
            }
        };
    }
}
