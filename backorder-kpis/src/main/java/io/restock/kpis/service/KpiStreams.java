package io.restock.kpis.service;

import io.restock.kpis.topology.KpiReads;
import io.restock.kpis.topology.KpiTopology;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.util.Optional;

/**
 * backorder-kpis' Kafka Streams application (application id {@code backorder-kpis}, exactly_once_v2; the topology
 * of {@link KpiTopology#define}, run by the {@link StreamsRunner} of {@link KpiFactory}), started with the service,
 * and the aggregator's stores for Interactive Queries. The sums live on one partition: {@link #owners()} says
 * whether this instance holds it or which instance to forward a read to (its {@code application.server},
 * {@code backorder-kpis.streams.application-server}). A store read while not RUNNING throws
 * {@link OwnerUnavailableException} (503).
 */
@Singleton
public final class KpiStreams {

    /** Application id = module name; prefixes its changelog and repartition topics. */
    public static final String APPLICATION_ID = "backorder-kpis";

    private final StreamsRunner runner;

    public KpiStreams(final StreamsRunner runner) {
        this.runner = runner;
    }

    public KafkaStreams.State state() {
        return runner.state();
    }

    /** Which instance holds the aggregator's partition. */
    public StoreOwners owners() {
        return runner.owners();
    }

    /** Which instance holds the KPI sums (the one partition of the aggregator); see {@link StoreOwners#ownerOf}. */
    public KeyOwner aggregateOwner(final String forwardedBy) {
        return runner.owners().ownerOf(KpiTopology.TOTALS, KpiTopology.AGGREGATE_KEY, Serdes.String().serializer(), forwardedBy);
    }

    /** The aggregator's stores when this instance holds them and they are readable; empty otherwise. */
    public Optional<KpiReads> localReads() {
        try {
            return aggregateOwner(null) instanceof KeyOwner.Local ? Optional.of(reads()) : Optional.empty();
        } catch (final InvalidStateStoreException | OwnerUnavailableException e) {
            // InvalidStateStoreException: a store handle that went stale in a rebalance.
            return Optional.empty();
        }
    }

    /** The aggregator's stores on this instance (it must hold the partition: {@link #owners()}). */
    public KpiReads reads() {
        return new KpiReads(runner.store(KpiTopology.MINUTES, QueryableStoreTypes.windowStore()),
                runner.store(KpiTopology.HOURS, QueryableStoreTypes.windowStore()),
                runner.store(KpiTopology.TOTALS, QueryableStoreTypes.keyValueStore()),
                runner.store(KpiTopology.GAUGES, QueryableStoreTypes.keyValueStore()),
                runner.store(KpiTopology.OPEN_BACKORDERS, QueryableStoreTypes.keyValueStore()));
    }
}
