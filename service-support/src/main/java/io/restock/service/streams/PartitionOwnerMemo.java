package io.restock.service.streams;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Kafka Streams' {@link KeyQueryMetadata} for a store's partitions, remembered per version of Kafka Streams'
 * metadata. Kafka Streams computes a key's owner from its partition and from its {@link StreamsMetadata} list
 * alone, and replaces that whole list (new objects) whenever the assignment changes; so an answer computed for a
 * partition holds for every key of that partition for as long as {@code metadataForAllStreamsClients()} returns
 * the same objects. A lookup that sees other objects starts a new version. The version is read before Kafka
 * Streams is asked, so a remembered answer is never older than the version it is filed under.
 *
 * <p>The caller's partition is checked against Kafka Streams' own on every answer it is asked for: when they
 * differ (the caller's partition count is not the topic's), nothing is remembered from then on.
 */
final class PartitionOwnerMemo {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnerMemo.class);

    /** One version of the metadata (its objects, compared by identity) and the answers computed under it. */
    private record Version(String store, Object[] metadata, ConcurrentHashMap<Integer, KeyQueryMetadata> owners) {

        boolean matches(final String otherStore, final Object[] other) {
            if (!store.equals(otherStore) || metadata.length != other.length) {
                return false;
            }
            for (int i = 0; i < metadata.length; i++) {
                if (metadata[i] != other[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private volatile Version current;
    private volatile boolean partitionsDisagree;

    /**
     * The owner of {@code partition} of {@code store} under {@code metadata} (Kafka Streams' current
     * {@code metadataForAllStreamsClients()}, read before this call): remembered, or {@code query}'s answer.
     */
    KeyQueryMetadata lookup(final String store, final Collection<StreamsMetadata> metadata, final int partition,
                            final Supplier<KeyQueryMetadata> query) {
        final Object[] objects = metadata.toArray();
        if (partitionsDisagree || objects.length == 0 || partition < 0) {
            return query.get();
        }
        Version version = current;
        if (version == null || !version.matches(store, objects)) {
            version = new Version(store, objects, new ConcurrentHashMap<>());
            current = version;
        }
        final KeyQueryMetadata known = version.owners().get(partition);
        if (known != null) {
            return known;
        }
        final KeyQueryMetadata answer = query.get();
        if (answer == null || KeyQueryMetadata.NOT_AVAILABLE.equals(answer) || answer.activeHost() == null) {
            return answer;
        }
        if (answer.partition() != partition) {
            if (!partitionsDisagree) {
                partitionsDisagree = true;
                LOG.warn("{}: Kafka Streams puts a key in partition {}, the caller said {}; owners are no longer "
                        + "remembered (is the topic's partition count the one the caller assumes?)", store,
                        answer.partition(), partition);
            }
            return answer;
        }
        version.owners().putIfAbsent(partition, answer);
        return answer;
    }

    /** Drops every remembered answer. */
    void forget() {
        current = null;
    }
}
