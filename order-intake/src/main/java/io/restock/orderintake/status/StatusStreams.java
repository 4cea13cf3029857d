package io.restock.orderintake.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.orderintake.submission.Submissions;
import io.restock.orderintake.view.OrderView;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.schemas.topics.Topics;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.AdvertisedServer;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs order-intake's Kafka Streams application ({@link OrderIntakeTopology}, on service-support's
 * {@link StreamsRunner}) and reads its stores with Interactive Queries. Configuration: {@code order-intake.streams.*}
 * in application.yml ({@link StatusStreamsProperties}); partitions: {@code orders.order-events}' in the catalogue.
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

    private final StreamsRunner runner;
    private final int partitions;
    private final AtomicReferenceArray<ReadOnlyKeyValueStore<String, OrderView>> viewStores;
    private final Serializer<String> keySerializer = new StringSerializer();

    public StatusStreams(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                         @Value("${micronaut.server.port:8080}") final int httpPort,
                         final StatusStreamsProperties config, final EventSerdes serdes,
                         final Submissions submissions, final ShopDirectory shops, final IdempotencyGuard guard,
                         final MeterRegistry meters, final ClientLogin login) {
        this.partitions = Topics.ORDER_EVENTS.spec().partitions();
        this.viewStores = new AtomicReferenceArray<>(partitions);
        // The view's own commit interval; the fault verifier's RESTOCK_STREAMS_COMMIT_INTERVAL_MS still wins.
        final Properties props = StreamsDefaults.properties(config.applicationId(), bootstrapServers, config.stateDir(),
                config.commitInterval());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.cacheMaxBytes());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        login.addTo(props);
        // The view folds each topic's events as they come and needs no alignment of the three topics
        // by timestamp; checking for it cost a formatted log string per record (profiled).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), config.fetchMinBytes());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                (int) config.fetchMaxWait().toMillis());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                AdvertisedServer.resolve(config.applicationServer(), httpPort));
        this.runner = new StreamsRunner("order-intake", config.applicationId(),
                OrderIntakeTopology.build(serdes, submissions, shops, guard), props, meters);
        runner.onStateChange((next, previous) -> clearStoreHandles());
    }

    @PreDestroy
    public void close() {
        runner.close();
    }

    /** The view's Kafka Streams application: on {@code /health} as {@code order-intake-streams}. */
    public StreamsRunner runner() {
        return runner;
    }

    public KafkaStreams.State state() {
        return runner.state();
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
        return runner.owners().ownerOf(OrderIntakeTopology.ORDER_VIEWS, orderId, keySerializer, forwardedBy);
    }

    /** This instance's {@code application.server} ({@code host:port}). */
    public String selfName() {
        return runner.owners().selfName();
    }

    /** The order's view, if the view has seen it. */
    public Optional<OrderView> find(final String orderId) {
        final int partition = partitionOf(orderId);
        ReadOnlyKeyValueStore<String, OrderView> store = viewStores.get(partition);
        try {
            if (store == null || runner.state() != KafkaStreams.State.RUNNING) {
                store = runner.store(OrderIntakeTopology.ORDER_VIEWS,
                        QueryableStoreTypes.<String, OrderView>keyValueStore(), partition);
                viewStores.set(partition, store);
            }
            return Optional.ofNullable(store.get(orderId));
        } catch (final OwnerUnavailableException | InvalidStateStoreException e) {
            viewStores.set(partition, null);
            throw new ViewUnavailableException("the status view is not available: " + e.getMessage(), e);
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
