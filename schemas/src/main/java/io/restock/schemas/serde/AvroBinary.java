package io.restock.schemas.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Avro binary in and out of byte arrays, with the errors Restock's serdes report; shared by the serdes here. */
final class AvroBinary {

    private AvroBinary() {
    }

    /** {@code header} followed by {@code data} in Avro binary. */
    static <T> byte[] write(final DatumWriter<T> writer, final T data, final byte[] header, final String typeName) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + typeName + ": " + e, e);
        }
        return out.toByteArray();
    }

    /**
     * The record in {@code bytes} from {@code offset} to the end: every byte must belong to it.
     *
     * @param what the record's type and how it was written, for the error message
     */
    static <T> T read(final DatumReader<T> reader, final byte[] bytes, final int offset, final String topic,
                      final String what) {
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
        try {
            final T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic,
                        "bytes left over after a " + what, null);
            }
            return value;
        } catch (final EventDecodingException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic,
                    "a " + what + " does not decode: " + e, e);
        }
    }
}
