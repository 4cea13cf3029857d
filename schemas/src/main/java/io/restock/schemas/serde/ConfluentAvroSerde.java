package io.restock.schemas.serde;

import io.restock.schemas.registry.RegistryException;
import io.restock.schemas.registry.SchemaRegistryClient;
import io.restock.schemas.registry.UnknownSchemaException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro specific records in the Confluent wire format: magic byte 0, the writer schema's 4-byte
 * big-endian registry id, then Avro binary. Subjects follow the topic name strategy
 * ({@code <topic>-value}, {@code <topic>-key}). Reading resolves the writer's schema (by id) against
 * this class's schema, so records written by older releases read as the current type.
 *
 * <p>With {@code autoRegister} off (production), the schema must already be registered by
 * provisioning; a missing one fails the first send with a message saying so.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements StatelessSerde<T> {

    static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public ConfluentAvroSerde(final Class<T> type, final SchemaRegistryClient registry, final boolean isKey,
                              final boolean autoRegister) {
        this(type, AvroModel.MODEL.getSchema(type), registry, isKey, autoRegister);
    }

    /** With the schema given: a union of record types ({@code type} is then their common supertype). */
    public ConfluentAvroSerde(final Class<T> type, final Schema schema, final SchemaRegistryClient registry,
                              final boolean isKey, final boolean autoRegister) {
        this.type = type;
        this.model = AvroModel.MODEL;
        this.readerSchema = schema;
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final String subject = topic + (isKey ? "-key" : "-value");
        final int id;
        try {
            id = idsBySubject.computeIfAbsent(subject, s ->
                    autoRegister ? registry.register(s, readerSchema) : registry.lookup(s, readerSchema));
        } catch (final UnknownSchemaException e) {
            throw new SerializationException("schema of " + type.getSimpleName() + " is not registered under subject "
                    + subject + "; provision the topics first (bin/restock provision)", e);
        } catch (final RegistryException e) {
            throw new SerializationException("cannot get a schema id for subject " + subject + ": " + e.getMessage(), e);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER || bytes[0] != MAGIC) {
            throw new EventDecodingException(EventDecodingException.Reason.NOT_FRAMED, topic,
                    "expected magic byte 0 and a 4-byte schema id, got " + bytes.length + " bytes starting with "
                            + (bytes.length == 0 ? "nothing" : String.format("0x%02x", bytes[0])), null);
        }
        final int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        final DatumReader<T> reader = readerFor(topic, writerId);
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
        final T value;
        try {
            value = reader.read(null, decoder);
        } catch (final AvroTypeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.INCOMPATIBLE_SCHEMA, topic,
                    "writer schema id " + writerId + " cannot be read as " + type.getName() + ": " + e.getMessage(), e);
        } catch (final IOException | RuntimeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic,
                    "payload does not decode under writer schema id " + writerId + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic,
                        "bytes left over after a " + type.getSimpleName() + " (writer schema id " + writerId + ")", null);
            }
        } catch (final IOException e) {
            throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD, topic, e.toString(), e);
        }
        return value;
    }

    private DatumReader<T> readerFor(final String topic, final int writerId) {
        final DatumReader<T> cached = readersByWriterId.get(writerId);
        if (cached != null) {
            return cached;
        }
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(writerId);
        } catch (final UnknownSchemaException e) {
            throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_SCHEMA_ID, topic,
                    "the registry has no schema with id " + writerId, e);
        }
        final DatumReader<T> reader;
        try {
            reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        } catch (final RuntimeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.INCOMPATIBLE_SCHEMA, topic,
                    "writer schema id " + writerId + " (" + writerSchema.getFullName() + ") cannot be read as "
                            + type.getName(), e);
        }
        readersByWriterId.put(writerId, reader);
        return reader;
    }
}
