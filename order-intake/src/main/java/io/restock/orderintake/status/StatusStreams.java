package io.restock.orderintake.status;

import io.restock.orderintake.view.OrderView;
import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.streams.AdvertisedServer;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs order-intake's Kafka Streams application ({@link OrderIntakeTopology}) and reads its stores
 * with Interactive Queries. Configuration: {@code order-intake.streams.*} in application.yml.
 * Reads throw {@link ViewUnavailableException} unless the application is RUNNING and holds the
 * partition.
 *
 * <p>Several instances: the {@code order-views} store is partitioned by order id. Each instance advertises
 * its HTTP server as {@code application.server} ({@code order-intake.streams.application-server}, default
 * {@code 127.0.0.1:<HTTP port>}; {@link AdvertisedServer}), and {@link #ownerOf} names the instance whose
 * active task holds an order's partition, for the controller to forward the request there
 * ({@link StoreOwners}: one hop at most).
 */
@Singleton
public final class StatusStreams {

    private static final Logger LOG = LoggerFactory.getLogger(StatusStreams.class);

    private final KafkaStreams streams;
    private final int partitions;
    private final AtomicReferenceArray<ReadOnlyKeyValueStore<String, OrderView>> viewStores;
    private final MeterRegistry meters;
    private final StoreOwners owners;
    private final Serializer<String> keySerializer = new StringSerializer();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    public StatusStreams(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                         @Value("${order-intake.streams.application-id:order-intake}") final String applicationId,
                         @Value("${order-intake.streams.state-dir}") final String stateDir,
                         @Value("${order-intake.streams.commit-interval:100ms}") final Duration commitInterval,
                         @Value("${order-intake.streams.cache-max-bytes:33554432}") final long cacheMaxBytes,
                         @Value("${order-intake.streams.partitions:6}") final int partitions,
                         @Value("${order-intake.streams.fetch-min-bytes:1}") final int fetchMinBytes,
                         @Value("${order-intake.streams.fetch-max-wait:500ms}") final Duration fetchMaxWait,
                         @Value("${order-intake.streams.application-server:}") final String applicationServer,
                         @Value("${micronaut.server.port:8080}") final int httpPort,
                         final EventSerdes serdes, final Submissions submissions, final ShopDirectory shops,
                         final IdempotencyGuard guard, final MeterRegistry meters, final ClientLogin login) {
        this.partitions = partitions;
        this.viewStores = new AtomicReferenceArray<>(partitions);
        this.meters = meters;
        final Properties props = StreamsDefaults.properties(applicationId, bootstrapServers, stateDir);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) commitInterval.toMillis());
        // The fault verifier's timing (RESTOCK_STREAMS_*_MS) wins over order-intake's own commit interval.
        props.putAll(StreamsDefaults.timingOverrides());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        login.addTo(props);
        // The view folds each topic's events as they come and needs no alignment of the three topics
        // by timestamp; checking for it cost a formatted log string per record (profiled).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), fetchMinBytes);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                (int) fetchMaxWait.toMillis());
        final String advertised = AdvertisedServer.resolve(applicationServer, httpPort);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        this.streams = new KafkaStreams(OrderIntakeTopology.build(serdes, submissions, shops, guard), props);
        this.owners = new StoreOwners("order-intake", streams, AdvertisedServer.hostInfo(advertised));
        // A failed stream thread (e.g. a transaction that timed out while the broker was away) is
        // replaced rather than taking the whole view down for good.
        streams.setUncaughtExceptionHandler(error -> {
            LOG.warn("order-intake stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> {
            state = next;
            clearStoreHandles();
            LOG.info("order-intake streams: {} -> {}", previous, next);
        });
    }

    @EventListener
    void start(final StartupEvent event) {
        new KafkaStreamsMetrics(streams).bindTo(meters);
        streams.start();
    }

    @PreDestroy
    public void close() {
        // Leave the group: a restarted instance gets its partitions at once, not after the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
    }

    public KafkaStreams.State state() {
        return state;
    }

    /**
     * The instance that answers for {@code orderId}: this one ({@link KeyOwner.Local}) or the owner of its
     * {@code order-views} partition ({@link KeyOwner.Remote}). {@code forwardedBy} is the request's
     * {@link StoreOwners#FORWARDED_HEADER} (null when it came from a client).
     *
     * @throws OwnerUnavailableException while not RUNNING, when no instance owns the partition, or when a
     *                                   forwarded request reached an instance that does not own it
     */
    public KeyOwner ownerOf(final String orderId, final String forwardedBy) {
        return owners.ownerOf(OrderIntakeTopology.ORDER_VIEWS, orderId, keySerializer, forwardedBy);
    }

    /** This instance's {@code application.server} ({@code host:port}). */
    public String selfName() {
        return owners.selfName();
    }

    /** The order's view, if the view has seen it. */
    public Optional<OrderView> find(final String orderId) {
        final int partition = partitionOf(orderId);
        ReadOnlyKeyValueStore<String, OrderView> store = viewStores.get(partition);
        try {
            requireRunning();
            if (store == null) {
                store = streams.store(StoreQueryParameters.fromNameAndType(OrderIntakeTopology.ORDER_VIEWS,
                        QueryableStoreTypes.<String, OrderView>keyValueStore()).withPartition(partition));
                viewStores.set(partition, store);
            }
            return Optional.ofNullable(store.get(orderId));
        } catch (final InvalidStateStoreException e) {
            viewStores.set(partition, null);
            throw new ViewUnavailableException("the status view is not available: " + e.getMessage(), e);
        }
    }

    /** Store and changelog names, for the health endpoint. */
    public Map<String, Object> describe() {
        return Map.of("state", state.name(), "stores",
                java.util.List.of(OrderIntakeTopology.ORDER_VIEWS));
    }

    private void requireRunning() {
        if (state != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("order-intake streams are " + state);
        }
    }

    private int partitionOf(final String orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void clearStoreHandles() {
        for (int p = 0; p < partitions; p++) {
            viewStores.set(p, null);
        }
    }
}
