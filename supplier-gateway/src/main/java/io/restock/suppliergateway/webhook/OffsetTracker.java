package io.restock.suppliergateway.webhook;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets of each partition are safe to commit while deliveries finish out of order (suppliers run
 * in parallel): the lowest offset still in flight, or one past the highest seen when none is. A record is
 * "done" once delivered, dead-lettered, or not for a webhook at all. Thread-safe.
 */
final class OffsetTracker {

    private static final class PartitionState {
        final TreeSet<Long> pending = new TreeSet<>();
        long highestSeen = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    synchronized void started(final TopicPartition partition, final long offset) {
        final PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
        state.pending.add(offset);
        state.highestSeen = Math.max(state.highestSeen, offset);
    }

    synchronized void done(final TopicPartition partition, final long offset) {
        final PartitionState state = partitions.get(partition);
        if (state != null) {
            state.pending.remove(offset);
        }
    }

    synchronized int inFlight() {
        return partitions.values().stream().mapToInt(s -> s.pending.size()).sum();
    }

    /** Offsets to commit that moved since the last call. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        final Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((partition, state) -> {
            final long next = state.pending.isEmpty() ? state.highestSeen + 1 : state.pending.first();
            if (next > state.committed && next > 0) {
                state.committed = next;
                out.put(partition, new OffsetAndMetadata(next));
            }
        });
        return out;
    }

    synchronized void forget(final Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }
}
