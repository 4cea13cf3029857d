package io.restock.schemas.streams;

import io.restock.schemas.serde.PrivateAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state store every Restock topology keeps its own records in: persistent (RocksDB, with a changelog), keyed by a
 * string, its values an application-private Avro type in {@link PrivateAvroSerde} bytes (no registry: only the
 * application writes and reads them). Callers choose the record cache ({@code withCachingEnabled()} or
 * {@code withCachingDisabled()}) where the default does not fit.
 */
public final class PrivateStores {

    private PrivateStores() {
    }

    /** A persistent key-value store named {@code name}, string keys, {@code type} values. */
    public static <V extends SpecificRecord> StoreBuilder<KeyValueStore<String, V>> keyValue(final String name,
                                                                                             final Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                new PrivateAvroSerde<>(type));
    }
}
