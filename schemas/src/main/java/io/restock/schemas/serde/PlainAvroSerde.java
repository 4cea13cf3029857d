package io.restock.schemas.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Bare Avro binary with the class's own schema on both sides: no registry, no framing. For
 * {@code TopologyTestDriver} tests and for state stores, where the writer is always this build.
 */
public final class PlainAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public PlainAvroSerde(final Class<T> type) {
        this.type = type;
        final SpecificData model = AvroModel.MODEL;
        this.writer = new SpecificDatumWriter<>(model.getSchema(type), model);
        this.reader = new SpecificDatumReader<>(model.getSchema(type), model.getSchema(type), model);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e, e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            final T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic,
                        "bytes left over after a " + type.getSimpleName(), null);
            }
            return value;
        } catch (final IOException | RuntimeException e) {
            if (e instanceof EventDecodingException decoding) {
                throw decoding;
            }
            throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic, e.toString(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
        // Nothing to configure: the schema is the class's own.
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
