package io.restock.service.streams;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who serves a store's keys in a Kafka Streams application run as several instances (each with its
 * {@code application.server}): {@link #ownerOf} names the instance whose active task holds a key's partition
 * ({@link KafkaStreams#queryMetadataForKey}), {@link #activeHosts} every instance holding some of a store's
 * partitions (to gather a whole-store listing). The rules:
 * <ul>
 *   <li>not RUNNING (starting, restoring, rebalancing), or no owner known: {@link OwnerUnavailableException};</li>
 *   <li>this instance owns the key: {@link KeyOwner.Local} (read the store's partition here);</li>
 *   <li>another owns it: {@link KeyOwner.Remote} (forward once, with {@link #FORWARDED_HEADER});</li>
 *   <li>the request was already forwarded ({@link #FORWARDED_HEADER} set) and this instance is not the owner:
 *       {@link OwnerUnavailableException}, never a second hop (ownership is moving; the client retries).</li>
 * </ul>
 * Without an {@code application.server} (self unknown) every key is treated as local: a single instance.
 */
public final class StoreOwners {

    /** On a forwarded request: the forwarding instance's {@code host:port}. */
    public static final String FORWARDED_HEADER = "X-Restock-Forwarded-By";

    private final String application;
    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param application the service's name, for messages
     * @param self        this instance's {@code application.server}, or null when none is set
     */
    public StoreOwners(final String application, final KafkaStreams streams, final HostInfo self) {
        this.application = Objects.requireNonNull(application, "application");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = self;
    }

    /** This instance's {@code host:port}, or {@code local} without an application server. */
    public String selfName() {
        return name(self);
    }

    /** The instance that answers for {@code key} of {@code store}; see the class comment for the rules. */
    public <K> KeyOwner ownerOf(final String store, final K key, final Serializer<K> keySerializer,
                                final String forwardedBy) {
        final KafkaStreams.State state = streams.state();
        KeyQueryMetadata metadata = null;
        if (state == KafkaStreams.State.RUNNING) {
            try {
                metadata = streams.queryMetadataForKey(store, key, keySerializer);
            } catch (final StreamsException e) {
                throw new OwnerUnavailableException("the owner of " + key + " in " + store + " is not known: "
                        + e.getMessage(), e);
            }
        }
        return decide(application, state, metadata, self, key, forwardedBy);
    }

    /**
     * Every instance with an active task of {@code store} (this one included), in a stable order: asking each
     * for its local part gives the whole store. Not RUNNING: {@link OwnerUnavailableException}.
     */
    public List<HostInfo> activeHosts(final String store) {
        final KafkaStreams.State state = streams.state();
        requireRunning(application, state);
        final Collection<StreamsMetadata> all;
        try {
            all = streams.streamsMetadataForStore(store);
        } catch (final StreamsException e) {
            throw new OwnerUnavailableException("the instances of " + store + " are not known: " + e.getMessage(), e);
        }
        return activeHosts(store, all, self);
    }

    /** True when {@code host} is this instance (or there is no application server: one instance). */
    public boolean isSelf(final HostInfo host) {
        return self == null || self.equals(host);
    }

    /** The decision of {@link #ownerOf}, from the application's state and the key's metadata. */
    public static KeyOwner decide(final String application, final KafkaStreams.State state,
                                  final KeyQueryMetadata metadata, final HostInfo self, final Object key,
                                  final String forwardedBy) {
        requireRunning(application, state);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.partition() < 0) {
            throw new OwnerUnavailableException("no instance of " + application + " owns the partition of " + key
                    + " right now");
        }
        final HostInfo owner = metadata.activeHost();
        if (self == null || self.equals(owner)) {
            return new KeyOwner.Local(metadata.partition());
        }
        if (forwardedBy != null && !forwardedBy.isBlank()) {
            throw new OwnerUnavailableException("forwarded by " + forwardedBy + " but " + key + " is owned by "
                    + name(owner) + ", not " + name(self) + " (ownership is moving)");
        }
        return new KeyOwner.Remote(owner, metadata.partition());
    }

    /** The hosts among {@code all} with an active task of {@code store}; without them, this instance alone. */
    public static List<HostInfo> activeHosts(final String store, final Collection<StreamsMetadata> all,
                                             final HostInfo self) {
        if (self == null) {
            return List.of(HostInfo.unavailable());
        }
        final List<HostInfo> hosts = all.stream()
                .filter(m -> m.stateStoreNames().contains(store))
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .sorted(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port))
                .toList();
        if (hosts.isEmpty()) {
            throw new OwnerUnavailableException("no instance has an active task of " + store + " right now");
        }
        return hosts;
    }

    private static void requireRunning(final String application, final KafkaStreams.State state) {
        if (state != KafkaStreams.State.RUNNING) {
            throw new OwnerUnavailableException(application + " is " + state
                    + " (starting, restoring or rebalancing its stores); try again shortly");
        }
    }

    private static String name(final HostInfo host) {
        return host == null ? "local" : host.host() + ":" + host.port();
    }
}
