package io.restock.schemas.serde;

import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.registry.PatientSchemaRegistryClient;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where a module gets the serde for an Avro type. Services use {@link #registry}; topology tests
 * use {@link #plain()} (no registry) or {@link #inMemoryRegistry()} (the real wire format, with
 * ids from an in-JVM registry). Topics ask it for their serdes (see {@code Topic}).
 */
@FunctionalInterface
public interface EventSerdes {

    <T extends SpecificRecord> Serde<T> avro(Class<T> type, boolean isKey);

    /** Values that are one of the records of a union schema (see {@code Codec.avroUnion}). */
    default Serde<SpecificRecord> avroUnion(final Schema union, final boolean isKey) {
        throw new UnsupportedOperationException("these serdes do not read or write unions: " + union);
    }

    /** Confluent wire format against a real registry. */
    static EventSerdes registry(final SchemaRegistryClient registry, final boolean autoRegister) {
        return new EventSerdes() {
            @Override
            public <T extends SpecificRecord> Serde<T> avro(final Class<T> type, final boolean isKey) {
                return new ConfluentAvroSerde<>(type, registry, isKey, autoRegister);
            }

            @Override
            public Serde<SpecificRecord> avroUnion(final Schema union, final boolean isKey) {
                return new ConfluentAvroSerde<>(SpecificRecord.class, union, registry, isKey, autoRegister);
            }
        };
    }

    /**
     * Confluent wire format against the registry at this Confluent-compatible URL; a lookup waits out a registry
     * outage ({@link PatientSchemaRegistryClient}) rather than failing the record.
     */
    static EventSerdes registry(final String schemaRegistryUrl, final boolean autoRegister) {
        return registry(new PatientSchemaRegistryClient(new HttpSchemaRegistryClient(schemaRegistryUrl)), autoRegister);
    }

    /** Confluent wire format with an in-JVM registry that registers on first use. */
    static EventSerdes inMemoryRegistry() {
        return registry(new InMemorySchemaRegistryClient(), true);
    }

    /** Bare Avro binary, no registry. */
    static EventSerdes plain() {
        return new EventSerdes() {
            @Override
            public <T extends SpecificRecord> Serde<T> avro(final Class<T> type, final boolean isKey) {
                return new PlainAvroSerde<>(type);
            }

            @Override
            public Serde<SpecificRecord> avroUnion(final Schema union, final boolean isKey) {
                return new PlainAvroSerde<>(SpecificRecord.class, union);
            }
        };
    }
}
