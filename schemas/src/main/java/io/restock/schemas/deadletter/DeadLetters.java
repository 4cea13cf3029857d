package io.restock.schemas.deadletter;

import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Restock's dead-letter convention, used by every service. A record that cannot be processed is
 * copied, original key and value bytes untouched, to {@code dlq.<source topic>}, with the original
 * headers plus these ({@code dlq.*}, UTF-8 strings):
 * <ul>
 *   <li>{@link #ERROR_CLASS}, {@link #ERROR_MESSAGE}: the exception (message cut at 4000 chars)</li>
 *   <li>{@link #ERROR_REASON}: a short machine-readable reason, e.g. {@code NOT_FRAMED}, {@code INVALID_QUANTITY}</li>
 *   <li>{@link #STAGE}: {@code deserialization}, {@code validation}, {@code processing} or {@code production}</li>
 *   <li>{@link #SOURCE_TOPIC}, {@link #SOURCE_PARTITION}, {@link #SOURCE_OFFSET}: where it came from</li>
 *   <li>{@link #APPLICATION_ID}: which service gave up on it; {@link #FAILED_AT}: when (ISO-8601)</li>
 * </ul>
 * Records from application-internal topics go to {@code dlq.<application id>}.
 */
public final class DeadLetters {

    public static final String PREFIX = Topics.DEAD_LETTER_PREFIX;
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ERROR_REASON = "dlq.error.reason";
    public static final String STAGE = "dlq.stage";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String APPLICATION_ID = "dlq.application.id";
    public static final String FAILED_AT = "dlq.failed.at";

    private static final int MAX_MESSAGE = 4000;

    /** Where a record failed. */
    public enum Stage {
        DESERIALIZATION, VALIDATION, PROCESSING, PRODUCTION;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private DeadLetters() {
    }

    /** The dead-letter topic of a source topic. */
    public static String topicFor(final String sourceTopic) {
        return PREFIX + sourceTopic;
    }

    /** The dead-letter topic for an application's internal topics and for failures with no source. */
    public static String topicForApplication(final String applicationId) {
        return PREFIX + applicationId;
    }

    /**
     * The dead letter for a record.
     *
     * @param deadLetterTopic  usually {@link #topicFor(String)} of the source
     * @param reason           short machine-readable reason, or null to use the exception's simple class name
     */
    public static ProducerRecord<byte[], byte[]> record(final String deadLetterTopic, final String applicationId,
                                                        final Stage stage, final String sourceTopic,
                                                        final int sourcePartition, final long sourceOffset,
                                                        final byte[] key, final byte[] value,
                                                        final Headers originalHeaders, final Throwable error,
                                                        final String reason) {
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers(applicationId, stage, sourceTopic,
                sourcePartition, sourceOffset, originalHeaders, error, reason));
    }

    /**
     * The headers of a dead letter: the original headers (without earlier {@code dlq.*} ones) plus
     * Restock's. For processors that write their own dead letters through a sink, with the record's
     * original key and value.
     */
    public static Headers headers(final String applicationId, final Stage stage, final String sourceTopic,
                                  final int sourcePartition, final long sourceOffset, final Headers originalHeaders,
                                  final Throwable error, final String reason) {
        final Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (final Header h : originalHeaders) {
                if (!h.key().startsWith(PREFIX)) {
                    headers.add(h);
                }
            }
        }
        put(headers, ERROR_CLASS, error == null ? "none" : error.getClass().getName());
        put(headers, ERROR_MESSAGE, message(error));
        put(headers, ERROR_REASON, reason != null ? reason : error == null ? "unknown" : error.getClass().getSimpleName());
        put(headers, STAGE, stage.label());
        put(headers, SOURCE_TOPIC, sourceTopic == null ? "" : sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, APPLICATION_ID, applicationId);
        put(headers, FAILED_AT, Instant.now().toString());
        return headers;
    }

    /** A header's value as text, if present. */
    public static Optional<String> header(final Headers headers, final String name) {
        final Header h = headers.lastHeader(name);
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String message(final Throwable error) {
        if (error == null) {
            return "";
        }
        final StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" | caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text.toString();
    }

    private static void put(final Headers headers, final String name, final String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
