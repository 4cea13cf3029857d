package io.restock.inventory.topology;

import io.restock.inventory.allocation.MovementIds;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A SKU's remembered movement ids in the {@code sku-movement-ids} store, as a ring of {@code bound}
 * slots: {@link SkuKeys#movementSlot} holds the id in a slot, {@link SkuKeys#movement} marks an id as
 * remembered, its value {@code <slot>/<digest>}: the slot and the {@link MovementDigest} of the movement
 * applied under the id (values written before digests were kept hold the slot only). The {@code n}-th id
 * takes slot {@code n % bound} and pushes out the id that was there. Public for the read side ({@link #readOnly}).
 */
public final class StoredMovementIds implements MovementIds {

    /** What an incoming movement id is, against the ids remembered. */
    public enum Seen {
        /** Not among the remembered ids: apply it. */
        NEW,
        /** Applied already with the same content (or before digests were kept): a retry, drop it. */
        REPLAY,
        /** Applied already with other content: the id was reused, refuse it. */
        REUSED
    }

    private final String sku;
    private final ReadOnlyKeyValueStore<String, String> reads;
    private final KeyValueStore<String, String> writes;
    private final String digest;

    private StoredMovementIds(final String sku, final ReadOnlyKeyValueStore<String, String> reads,
                              final KeyValueStore<String, String> writes, final String digest) {
        this.sku = sku;
        this.reads = reads;
        this.writes = writes;
        this.digest = digest;
    }

    /** The SKU's ids, to remember the movement being applied, whose {@link MovementDigest} is {@code digest} (null: none). */
    static StoredMovementIds of(final String sku, final KeyValueStore<String, String> store, final String digest) {
        return new StoredMovementIds(sku, store, store, digest);
    }

    /** Ids to read only (interactive queries): {@link #remember} refuses. */
    public static StoredMovementIds readOnly(final String sku, final ReadOnlyKeyValueStore<String, String> store) {
        return new StoredMovementIds(sku, store, null, null);
    }

    @Override
    public boolean contains(final String movementId) {
        return reads.get(SkuKeys.movement(sku, movementId)) != null;
    }

    /** The digest kept with a remembered id; null if the id is not remembered, "" if it was kept without one. */
    public String digestOf(final String movementId) {
        final String value = reads.get(SkuKeys.movement(sku, movementId));
        if (value == null) {
            return null;
        }
        final int slash = value.indexOf('/');
        return slash < 0 ? "" : value.substring(slash + 1);
    }

    /** Whether a movement with this id and {@code contentDigest} is new, a retry, or a reused id. */
    public Seen seen(final String movementId, final String contentDigest) {
        final String kept = digestOf(movementId);
        if (kept == null) {
            return Seen.NEW;
        }
        return kept.isEmpty() || kept.equals(contentDigest) ? Seen.REPLAY : Seen.REUSED;
    }

    @Override
    public void remember(final String movementId, final long sequence, final int bound) {
        if (writes == null) {
            throw new UnsupportedOperationException("the movement ids of " + sku + " were opened to read only");
        }
        final String slot = SkuKeys.movementSlot(sku, sequence % bound);
        final String pushedOut = writes.get(slot);
        if (pushedOut != null) {
            writes.delete(SkuKeys.movement(sku, pushedOut));
        }
        writes.put(slot, movementId);
        final String position = Long.toString(sequence % bound);
        writes.put(SkuKeys.movement(sku, movementId), digest == null ? position : position + "/" + digest);
    }
}
