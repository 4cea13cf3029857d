package io.restock.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Avro for a service's private records: its state stores (and so their changelogs) and its repartition
 * topics. Only the service writes and reads them, but they outlive a build: after an upgrade the new build
 * reads what the old one wrote, and during a rolling upgrade the other way round. So every record says which
 * schema wrote it:
 * <pre>  0x01 | the writer schema's parsing fingerprint (CRC-64-AVRO, 8 bytes, big-endian) | Avro binary</pre>
 * Reading:
 * <ul>
 *   <li>written with this build's schema: read directly;</li>
 *   <li>written with an earlier schema of the type, kept as the resource
 *       {@code state-schemas/<full name>/v1.avsc}, {@code v2.avsc}, ...: resolved to the current type (Avro
 *       schema resolution: a new field needs a default). <b>When you change a private record, add its
 *       previous schema there</b>; a kept schema the current one cannot read fails the serde's construction,
 *       so every test of the topology catches it;</li>
 *   <li>bytes without the format byte: bare Avro of the current schema, as every private record was written
 *       before this format (2026-11-22). This is unambiguous because a private record's first field must be a
 *       string, bytes, enum, union, array, map or such a record: its first byte is then even, never 0x01
 *       (checked at construction);</li>
 *   <li>anything else, e.g. a schema from a newer build: {@link EventDecodingException} naming the type and
 *       the fingerprint, never a misread.</li>
 * </ul>
 */
public final class PrivateAvroSerde<T extends SpecificRecord> implements StatelessSerde<T> {

    static final byte FORMAT = 0x01;
    private static final int HEADER = 9;
    private static final String HISTORY = "state-schemas/";

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final Map<Long, SpecificDatumReader<T>> earlier;

    public PrivateAvroSerde(final Class<T> type) {
        this.type = type;
        final SpecificData model = AvroModel.MODEL;
        this.schema = model.getSchema(type);
        if (!startsWithAnEvenByte(schema)) {
            throw new IllegalArgumentException(type.getName() + ": a private record's first field must be a string, "
                    + "bytes, enum, union, array, map or a record starting with one (see PrivateAvroSerde)");
        }
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = ByteBuffer.allocate(HEADER).put(FORMAT).putLong(fingerprint).array();
        this.writer = new SpecificDatumWriter<>(schema, AvroModel.WITH_GENERATED_ENCODERS);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
        this.earlier = earlierReaders(type, schema, model);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        return data == null ? null : AvroBinary.write(writer, data, header, type.getSimpleName());
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            return read(topic, reader, bytes, 0, "bare Avro written before private records carried their schema");
        }
        if (bytes.length < HEADER) {
            throw new EventDecodingException(EventDecodingException.Reason.NOT_FRAMED, topic, "a private "
                    + type.getSimpleName() + " record of " + bytes.length + " bytes: shorter than its header", null);
        }
        final long writtenWith = ByteBuffer.wrap(bytes, 1, 8).getLong();
        if (writtenWith == fingerprint) {
            return read(topic, reader, bytes, HEADER, "this build's schema");
        }
        final SpecificDatumReader<T> resolving = earlier.get(writtenWith);
        if (resolving == null) {
            throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_SCHEMA_ID, topic, String.format(
                    "a private %s written with schema fingerprint %016x, which this build (%016x) does not know: "
                            + "it was written by a newer build, or the earlier schema is missing from %s%s/. Run the "
                            + "build that wrote it, add that schema, or reset this application's state",
                    type.getSimpleName(), writtenWith, fingerprint, HISTORY, schema.getFullName()), null);
        }
        return read(topic, resolving, bytes, HEADER, String.format("earlier schema %016x", writtenWith));
    }

    private T read(final String topic, final SpecificDatumReader<T> datumReader, final byte[] bytes, final int offset,
                   final String writtenWith) {
        return AvroBinary.read(datumReader, bytes, offset, topic,
                "private " + type.getSimpleName() + " (" + writtenWith + ")");
    }

    /** The kept earlier schemas of {@code type}, each checked to be readable as {@code current}. */
    private static <T> Map<Long, SpecificDatumReader<T>> earlierReaders(final Class<T> type, final Schema current,
                                                                      final SpecificData model) {
        final Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
        final ClassLoader loader = type.getClassLoader();
        for (int version = 1; ; version++) {
            final String resource = HISTORY + current.getFullName() + "/v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return readers;
                }
                final Schema old = new Schema.Parser().parse(in);
                final SchemaCompatibility.SchemaPairCompatibility check =
                        SchemaCompatibility.checkReaderWriterCompatibility(current, old);
                if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    throw new IllegalStateException(resource + " cannot be read as the current "
                            + current.getFullName() + ": " + check.getDescription());
                }
                readers.put(SchemaNormalization.parsingFingerprint64(old), new SpecificDatumReader<>(old, current, model));
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** Whether every encoding of a {@code schema} value starts with an even byte (never {@link #FORMAT}). */
    static boolean startsWithAnEvenByte(final Schema schema) {
        return switch (schema.getType()) {
            // Lengths, enum indexes, union branches and block counts are zig-zag varints of values >= 0: even.
            case STRING, BYTES, ENUM, UNION, ARRAY, MAP -> true;
            case RECORD -> !schema.getFields().isEmpty() && startsWithAnEvenByte(schema.getFields().getFirst().schema());
            default -> false;
        };
    }
}
