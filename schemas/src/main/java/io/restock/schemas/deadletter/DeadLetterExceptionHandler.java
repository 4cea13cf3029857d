package io.restock.schemas.deadletter;

import io.restock.schemas.registry.RegistryUnavailableException;
import io.restock.schemas.serde.EventDecodingException;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * One handler for the three places a Kafka Streams application can meet a bad record:
 * deserialization, processing and production. Each time it writes the record to the dead-letter
 * topic (in the same transaction under exactly-once, via Kafka Streams' own dead-letter support)
 * and resumes, so one poison pill never stops a service. Register it for all three:
 * {@link #configure(Map)} it via {@link #streamsConfig()}.
 */
public final class DeadLetterExceptionHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private String applicationId = "unknown";

    /** The Streams configs that route all three kinds of failure here. */
    public static Map<String, Object> streamsConfig() {
        return Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class,
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        final Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (id != null) {
            applicationId = id.toString();
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context,
                                                                final ConsumerRecord<byte[], byte[]> record,
                                                                final Exception exception) {
        if (registryUnavailable(context, exception)) {
            return DeserializationExceptionHandler.Response.fail();
        }
        final String reason = exception instanceof EventDecodingException decoding ? decoding.reason().name() : null;
        return DeserializationExceptionHandler.Response.resume(List.of(
                deadLetter(context, DeadLetters.Stage.DESERIALIZATION, record.key(), record.value(), exception, reason)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                                           final Exception exception) {
        if (registryUnavailable(context, exception)) {
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(
                deadLetter(context, DeadLetters.Stage.PROCESSING, context.sourceRawKey(), context.sourceRawValue(),
                        exception, null)));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(final ErrorHandlerContext context,
                                                           final ProducerRecord<byte[], byte[]> record,
                                                           final Exception exception) {
        if (registryUnavailable(context, exception)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return ProductionExceptionHandler.Response.resume(List.of(
                deadLetter(context, DeadLetters.Stage.PRODUCTION, context.sourceRawKey(), context.sourceRawValue(),
                        exception, null)));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(
            final ErrorHandlerContext context, final ProducerRecord record, final Exception exception,
            final ProductionExceptionHandler.SerializationExceptionOrigin origin) {
        if (registryUnavailable(context, exception)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return ProductionExceptionHandler.Response.resume(List.of(
                deadLetter(context, DeadLetters.Stage.PRODUCTION, context.sourceRawKey(), context.sourceRawValue(),
                        exception, "SERIALIZATION_" + origin.name())));
    }

    /**
     * A record that met a registry outage (after the serdes' patience ran out) is not bad: it is not
     * dead-lettered. The stream thread fails instead, and the service's uncaught-exception policy replaces it; the
     * task starts again from its last commit, so the record is processed once the registry answers.
     */
    private boolean registryUnavailable(final ErrorHandlerContext context, final Exception exception) {
        if (!RegistryUnavailableException.isCauseOf(exception)) {
            return false;
        }
        LOG.error("{} cannot reach the schema registry on {}-{}@{}; not dead-lettering a good record, failing the"
                + " stream thread so it starts again from its last commit: {}", applicationId, context.topic(),
                context.partition(), context.offset(), exception.toString());
        return true;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(final ErrorHandlerContext context, final DeadLetters.Stage stage,
                                                      final byte[] key, final byte[] value, final Exception exception,
                                                      final String reason) {
        final String source = context.topic();
        final String target = source != null && Topics.byName(source).isPresent()
                ? DeadLetters.topicFor(source)
                : DeadLetters.topicForApplication(applicationId);
        LOG.warn("{} failed at {} on {}-{}@{}; dead-lettered to {}: {}", applicationId, stage, source,
                context.partition(), context.offset(), target, exception.toString());
        return DeadLetters.record(target, applicationId, stage, source, context.partition(), context.offset(), key,
                value, context.headers(), exception, reason);
    }
}
