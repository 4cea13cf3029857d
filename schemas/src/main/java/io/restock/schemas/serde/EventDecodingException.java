package io.restock.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a Restock topic that are not a registry-framed record Restock can read. Services route
 * the record to the dead-letter topic with {@link #reason()} in its headers and go on.
 */
public class EventDecodingException extends SerializationException {

    /** Why the bytes could not be read. */
    public enum Reason {
        /** Not the Confluent wire format: too short, or the first byte is not the magic 0. */
        NOT_FRAMED,
        /** The registry has no schema with the id in the frame. */
        UNKNOWN_SCHEMA_ID,
        /** The writer's schema cannot be read as the expected record type. */
        INCOMPATIBLE_SCHEMA,
        /** The payload does not decode under the writer's schema, or has bytes left over. */
        CORRUPT_PAYLOAD
    }

    private final Reason reason;
    private final String topic;

    public EventDecodingException(final Reason reason, final String topic, final String message, final Throwable cause) {
        super(reason + " on topic " + topic + ": " + message, cause);
        this.reason = reason;
        this.topic = topic;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
