package io.restock.schemas.topics;

import io.restock.schemas.serde.EventSerdes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Optional;

/** How a topic's keys or values are written: UTF-8 strings, JSON text at the edges, or Avro events. */
public sealed interface Codec<T> {

    Serde<T> serde(EventSerdes serdes, boolean isKey);

    /** The Avro schema registered for this side of the topic, if it is Avro. */
    Optional<Schema> schema();

    /** Plain UTF-8 strings: ids used as keys. */
    static Codec<String> string() {
        return new Text(false);
    }

    /** JSON documents as UTF-8 text, validated by the service that reads them. */
    static Codec<String> json() {
        return new Text(true);
    }

    /** An Avro specific record in the Confluent wire format. */
    static <T extends SpecificRecord> Codec<T> avro(final Class<T> type) {
        return new Avro<>(type);
    }

    /**
     * One of several Avro record types: the value schema is the union of their schemas, in this order.
     * A record written under a single one of them (an earlier release) reads as the first branch of the
     * same name, so a topic whose value was one record can add event types compatibly.
     */
    @SafeVarargs
    static Codec<SpecificRecord> avroUnion(final Class<? extends SpecificRecord>... types) {
        return new AvroUnion(Schema.createUnion(java.util.Arrays.stream(types)
                .map(t -> SpecificData.getForClass(t).getSchema(t)).toList()));
    }

    /** A union of Avro record types. */
    record AvroUnion(Schema union) implements Codec<SpecificRecord> {
        @Override
        public Serde<SpecificRecord> serde(final EventSerdes serdes, final boolean isKey) {
            return serdes.avroUnion(union, isKey);
        }

        @Override
        public Optional<Schema> schema() {
            return Optional.of(union);
        }
    }

    /** UTF-8 text; {@code json} marks it as a JSON document for documentation and validation. */
    record Text(boolean json) implements Codec<String> {
        @Override
        public Serde<String> serde(final EventSerdes serdes, final boolean isKey) {
            return Serdes.String();
        }

        @Override
        public Optional<Schema> schema() {
            return Optional.empty();
        }
    }

    /** An Avro record type. */
    record Avro<T extends SpecificRecord>(Class<T> type) implements Codec<T> {
        @Override
        public Serde<T> serde(final EventSerdes serdes, final boolean isKey) {
            return serdes.avro(type, isKey);
        }

        @Override
        public Optional<Schema> schema() {
            return Optional.of(SpecificData.getForClass(type).getSchema(type));
        }
    }
}
