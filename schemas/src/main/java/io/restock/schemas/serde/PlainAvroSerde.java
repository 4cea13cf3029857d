package io.restock.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Bare Avro binary with the class's own schema on both sides: no registry, no framing. For
 * {@code TopologyTestDriver} tests and for state stores, where the writer is always this build.
 */
public final class PlainAvroSerde<T extends SpecificRecord> implements StatelessSerde<T> {

    private static final byte[] NO_HEADER = new byte[0];

    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public PlainAvroSerde(final Class<T> type) {
        this(type, AvroModel.MODEL.getSchema(type));
    }

    /** With the schema given: a union of record types ({@code type} is then their common supertype). */
    public PlainAvroSerde(final Class<T> type, final Schema schema) {
        this.type = type;
        final SpecificData model = AvroModel.MODEL;
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        return data == null ? null : AvroBinary.write(writer, data, NO_HEADER, type.getSimpleName());
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        return bytes == null ? null : AvroBinary.read(reader, bytes, 0, topic, type.getSimpleName());
    }
}
