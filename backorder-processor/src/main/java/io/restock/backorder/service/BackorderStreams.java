package io.restock.backorder.service;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.backorder.topology.BackorderTopology;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.streams.AdvertisedServer;
import io.restock.service.streams.StoreOwners;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * Runs backorder-processor's Kafka Streams application (the topology of
 * {@link BackorderTopology#define}) and opens its stores for Interactive Queries. A store read while
 * the application is not RUNNING throws {@link InvalidStateStoreException} (the controllers answer
 * 503). Its {@code application.server} is {@code backorder-processor.streams.application-server} (default
 * {@code 127.0.0.1:<HTTP port>}): with several instances, {@link #owners()} names the instance that owns a
 * key's partition, and reads are forwarded there ({@link ReadController}).
 */
@Singleton
public final class BackorderStreams {

    private static final Logger LOG = LoggerFactory.getLogger(BackorderStreams.class);

    private final KafkaStreams streams;
    private final MeterRegistry meters;
    private final StoreOwners owners;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    public BackorderStreams(@Value("${backorder-processor.kafka.bootstrap-servers}") final String bootstrapServers,
                            @Value("${backorder-processor.streams.application-id:backorder-processor}") final String applicationId,
                            @Value("${backorder-processor.streams.state-dir}") final String stateDir,
                            @Value("${backorder-processor.streams.application-server:}") final String applicationServer,
                            @Value("${micronaut.server.port:8083}") final int httpPort,
                            final EventSerdes serdes, final BackorderSettings settings, final MeterRegistry meters,
                            final ClientLogin login) {
        this.meters = meters;
        final Properties props = BackorderStreamsConfig.properties(bootstrapServers, stateDir);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        login.addTo(props);
        final String advertised = AdvertisedServer.resolve(applicationServer, httpPort);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        final StreamsBuilder builder = new StreamsBuilder();
        BackorderTopology.define(builder, serdes, settings);
        this.streams = new KafkaStreams(builder.build(), props);
        this.owners = new StoreOwners("backorder-processor", streams, AdvertisedServer.hostInfo(advertised));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.warn("backorder-processor stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> {
            state = next;
            LOG.info("backorder-processor streams: {} -> {}", previous, next);
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

    /** Which instance serves a key of a store, and which instances hold a store's active partitions. */
    public StoreOwners owners() {
        return owners;
    }

    /** One partition of a store of the topology, active on this instance. */
    public <V> ReadOnlyKeyValueStore<String, V> store(final String name, final int partition) {
        if (state != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("backorder-processor streams are " + state);
        }
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }

    /** A store of the topology, across all local (active) partitions. */
    public <V> ReadOnlyKeyValueStore<String, V> store(final String name) {
        if (state != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("backorder-processor streams are " + state);
        }
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
