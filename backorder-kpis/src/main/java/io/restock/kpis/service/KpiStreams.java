package io.restock.kpis.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.kpis.topology.KpiReads;
import io.restock.kpis.topology.KpiTopology;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.AdvertisedServer;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import org.apache.kafka.common.serialization.Serdes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs backorder-kpis' Kafka Streams application (application id {@code backorder-kpis}, exactly_once_v2; the
 * topology of {@link KpiTopology#define}) and opens the aggregator's stores for Interactive Queries. The sums live
 * on one partition: {@link #owners()} says whether this instance holds it or which instance to forward a read to
 * (its {@code application.server}, {@code backorder-kpis.streams.application-server}). A store read while not
 * RUNNING throws {@link InvalidStateStoreException} (503).
 */
@Singleton
public final class KpiStreams {

    /** Application id = module name; prefixes its changelog and repartition topics. */
    public static final String APPLICATION_ID = "backorder-kpis";

    private static final Logger LOG = LoggerFactory.getLogger(KpiStreams.class);

    private final KafkaStreams streams;
    private final MeterRegistry meters;
    private final StoreOwners owners;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    public KpiStreams(@Value("${backorder-kpis.kafka.bootstrap-servers}") final String bootstrapServers,
                      @Value("${backorder-kpis.streams.application-id:backorder-kpis}") final String applicationId,
                      @Value("${backorder-kpis.streams.state-dir}") final String stateDir,
                      @Value("${backorder-kpis.streams.application-server:}") final String applicationServer,
                      @Value("${backorder-kpis.time-zone:UTC}") final String zone,
                      @Value("${micronaut.server.port:8086}") final int httpPort,
                      final EventSerdes serdes, final MeterRegistry meters, final ClientLogin login) {
        this.meters = meters;
        final Properties props = StreamsDefaults.properties(APPLICATION_ID, bootstrapServers, stateDir);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        login.addTo(props);
        final String advertised = AdvertisedServer.resolve(applicationServer, httpPort);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        final StreamsBuilder builder = new StreamsBuilder();
        KpiTopology.define(builder, serdes, ZoneId.of(zone));
        this.streams = new KafkaStreams(builder.build(), props);
        this.owners = new StoreOwners(APPLICATION_ID, streams, AdvertisedServer.hostInfo(advertised));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.warn("backorder-kpis stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> {
            state = next;
            LOG.info("backorder-kpis streams: {} -> {}", previous, next);
        });
    }

    @EventListener
    void start(final StartupEvent event) {
        new KafkaStreamsMetrics(streams).bindTo(meters);
        streams.start();
    }

    @PreDestroy
    public void close() {
        streams.close(Duration.ofSeconds(10));
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** Which instance holds the aggregator's partition. */
    public StoreOwners owners() {
        return owners;
    }

    /** Which instance holds the KPI sums (the one partition of the aggregator); see {@link StoreOwners#ownerOf}. */
    public KeyOwner aggregateOwner(final String forwardedBy) {
        return owners.ownerOf(KpiTopology.TOTALS, KpiTopology.AGGREGATE_KEY, Serdes.String().serializer(), forwardedBy);
    }

    /** The aggregator's stores when this instance holds them and they are readable; empty otherwise. */
    public Optional<KpiReads> localReads() {
        try {
            return aggregateOwner(null) instanceof KeyOwner.Local ? Optional.of(reads()) : Optional.empty();
        } catch (final InvalidStateStoreException | OwnerUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The aggregator's stores on this instance (it must hold the partition: {@link #owners()}). */
    public KpiReads reads() {
        return new KpiReads(store(KpiTopology.MINUTES, QueryableStoreTypes.windowStore()),
                store(KpiTopology.HOURS, QueryableStoreTypes.windowStore()),
                store(KpiTopology.TOTALS, QueryableStoreTypes.keyValueStore()),
                store(KpiTopology.GAUGES, QueryableStoreTypes.keyValueStore()),
                store(KpiTopology.OPEN_BACKORDERS, QueryableStoreTypes.keyValueStore()));
    }

    private <T> T store(final String name, final QueryableStoreType<T> type) {
        if (state != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("backorder-kpis streams are " + state);
        }
        return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    }
}
