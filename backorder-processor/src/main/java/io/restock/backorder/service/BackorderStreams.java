package io.restock.backorder.service;

import io.restock.backorder.topology.BackorderTopology;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * backorder-processor's Kafka Streams application (the topology of {@link BackorderTopology#define}, run by the
 * {@link StreamsRunner} of {@link BackorderFactory}, started with the service), and its stores for Interactive
 * Queries. A store read while the application is not RUNNING throws {@link OwnerUnavailableException} (the
 * controllers answer 503). With several instances, {@link #owners()} names the instance that owns a key's
 * partition, and reads are forwarded there ({@link ReadController}).
 */
@Singleton
public final class BackorderStreams {

    private final StreamsRunner runner;

    public BackorderStreams(final StreamsRunner runner) {
        this.runner = runner;
    }

    public KafkaStreams.State state() {
        return runner.state();
    }

    /** Which instance serves a key of a store, and which instances hold a store's active partitions. */
    public StoreOwners owners() {
        return runner.owners();
    }

    /** One partition of a store of the topology, active on this instance. */
    public <V> ReadOnlyKeyValueStore<String, V> store(final String name, final int partition) {
        return runner.store(name, QueryableStoreTypes.<String, V>keyValueStore(), partition);
    }

    /** A store of the topology, across all local (active) partitions. */
    public <V> ReadOnlyKeyValueStore<String, V> store(final String name) {
        return runner.store(name, QueryableStoreTypes.<String, V>keyValueStore());
    }
}
