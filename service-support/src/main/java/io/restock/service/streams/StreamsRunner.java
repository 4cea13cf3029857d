package io.restock.service.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.kafka.ClientLogin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs one Kafka Streams application of a service: the only place a Restock service constructs
 * {@link KafkaStreams}. It owns
 * <ul>
 *   <li>start and close ({@link #close} leaves the group, so a restarted instance gets its partitions at once
 *       rather than after the session timeout, and waits at most {@link #CLOSE_TIMEOUT});</li>
 *   <li>the state, on {@code /health} as {@code <service>-streams} ({@link StreamsRunnerHealthIndicator});</li>
 *   <li>the uncaught-exception policy ({@link ThreadReplacement}: replace the thread a few times, then shut
 *       the client down), logged;</li>
 *   <li>Micrometer's {@link KafkaStreamsMetrics} (tagged {@code kafka_stream_*} series), bound at start;</li>
 *   <li>store access: {@link #store} answers only while RUNNING, else {@link OwnerUnavailableException}
 *       (503 with Retry-After at the HTTP edge); {@link #owners} says which instance holds a key.</li>
 * </ul>
 * The topology and the properties (Restock's {@code StreamsDefaults} plus the service's own) come from the
 * service, which makes one runner as a bean; {@link StreamsRunnerStart} starts it when the application has started,
 * unless its owner starts it itself ({@link #startedByOwner}).
 */
public final class StreamsRunner implements AutoCloseable {

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final String service;
    private final KafkaStreams streams;
    private final StoreOwners owners;
    private final MeterRegistry meters;
    private final List<BiConsumer<KafkaStreams.State, KafkaStreams.State>> listeners = new CopyOnWriteArrayList<>();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile boolean startedByOwner;
    private KafkaStreamsMetrics metrics;
    private boolean started;
    private boolean closed;

    /**
     * @param service       the service's name: health indicator {@code <service>-streams}, log lines, messages
     * @param applicationId the application id (the service's name unless a deployment or a test sets another)
     * @param properties    everything else; {@code application.server}, when set, names this instance to
     *                      {@link #owners}
     * @param meters        where the Kafka Streams metrics go
     * @param replacement   what a failed stream thread gets
     */
    public StreamsRunner(final String service, final String applicationId, final Topology topology,
                         final Properties properties, final MeterRegistry meters, final ThreadReplacement replacement) {
        this.service = Objects.requireNonNull(service, "service");
        this.meters = Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(replacement, "replacement");
        final Properties props = new Properties();
        props.putAll(properties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        this.streams = new KafkaStreams(topology, props);
        this.owners = new StoreOwners(service, streams,
                AdvertisedServer.hostInfo(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG)));
        streams.setUncaughtExceptionHandler(error -> {
            final var response = replacement.onFailure();
            LOG.error("{} stream thread failed; {} (policy: {})", service, response, replacement, error);
            return response;
        });
        streams.setStateListener((next, previous) -> {
            state = next;
            LOG.info("{} streams: {} -> {}", service, previous, next);
            listeners.forEach(listener -> listener.accept(next, previous));
        });
    }

    /** A runner with {@link ThreadReplacement#defaults()}. */
    public StreamsRunner(final String service, final String applicationId, final Topology topology,
                         final Properties properties, final MeterRegistry meters) {
        this(service, applicationId, topology, properties, meters, ThreadReplacement.defaults());
    }

    /**
     * A service's runner, the way every streams service makes it: {@code properties} (Restock's
     * {@code StreamsDefaults} plus the service's own) with the Kafka login and this instance's
     * {@code application.server} ({@code applicationServer} when set, else {@code 127.0.0.1:<httpPort>},
     * {@link AdvertisedServer}); the topology defined on {@link StreamsDefaults#builder}, so an internal resource
     * without an explicit name fails here.
     */
    public static StreamsRunner create(final String service, final String applicationId, final Properties properties,
                                       final ClientLogin login, final String applicationServer, final int httpPort,
                                       final Consumer<StreamsBuilder> topology, final MeterRegistry meters) {
        final Properties props = new Properties();
        props.putAll(properties);
        login.addTo(props);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, AdvertisedServer.resolve(applicationServer, httpPort));
        final StreamsBuilder builder = StreamsDefaults.builder(props);
        topology.accept(builder);
        return new StreamsRunner(service, applicationId, builder.build(), props, meters);
    }

    /** Called on every state change, after the runner's own state is updated (register before {@link #start}). */
    public void onStateChange(final BiConsumer<KafkaStreams.State, KafkaStreams.State> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Leaves the start to the runner's owner (e.g. after it created the topics the topology reads):
     * {@link StreamsRunnerStart} does not start it with the application.
     */
    public StreamsRunner startedByOwner() {
        startedByOwner = true;
        return this;
    }

    /** False when the owner starts the runner itself ({@link #startedByOwner}). */
    public boolean startsWithApplication() {
        return !startedByOwner;
    }

    /** Binds the metrics and starts the application; a second call does nothing. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meters);
        streams.start();
    }

    /** Leaves the group and closes (at most {@link #CLOSE_TIMEOUT}); a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (metrics != null) {
            metrics.close();
        }
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    }

    /** The service's name. */
    public String service() {
        return service;
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** Which instance answers for a key of a store, and which instances hold a store's active partitions. */
    public StoreOwners owners() {
        return owners;
    }

    /**
     * A store of the topology across this instance's active partitions.
     *
     * @throws OwnerUnavailableException while not RUNNING or while the store is restoring or moving
     */
    public <T> T store(final String name, final QueryableStoreType<T> type) {
        return store(StoreQueryParameters.fromNameAndType(name, type));
    }

    /**
     * One partition of a store, active on this instance ({@link #owners} says which partition a key is in).
     *
     * @throws OwnerUnavailableException while not RUNNING or while the partition is restoring or moving
     */
    public <T> T store(final String name, final QueryableStoreType<T> type, final int partition) {
        return store(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
    }

    private <T> T store(final StoreQueryParameters<T> query) {
        final KafkaStreams.State now = state;
        if (now != KafkaStreams.State.RUNNING) {
            throw new OwnerUnavailableException(service + " is " + now
                    + " (starting, restoring or rebalancing its stores); try again shortly");
        }
        try {
            return streams.store(query);
        } catch (final InvalidStateStoreException e) {
            throw new OwnerUnavailableException("the store " + query.storeName() + " of " + service
                    + " is not readable now: " + e.getMessage(), e);
        }
    }
}
