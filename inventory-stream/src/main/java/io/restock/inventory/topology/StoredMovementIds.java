package io.restock.inventory.topology;

import io.restock.inventory.allocation.MovementIds;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A SKU's remembered movement ids in the {@code sku-movement-ids} store, as a ring of {@code bound}
 * slots: {@link SkuKeys#movementSlot} holds the id in a slot, {@link SkuKeys#movement} marks an id as
 * remembered. The {@code n}-th id takes slot {@code n % bound} and pushes out the id that was there.
 * Public for the read side ({@link #readOnly}).
 */
public final class StoredMovementIds implements MovementIds {

    private final String sku;
    private final ReadOnlyKeyValueStore<String, String> reads;
    private final KeyValueStore<String, String> writes;

    private StoredMovementIds(final String sku, final ReadOnlyKeyValueStore<String, String> reads,
                              final KeyValueStore<String, String> writes) {
        this.sku = sku;
        this.reads = reads;
        this.writes = writes;
    }

    static StoredMovementIds of(final String sku, final KeyValueStore<String, String> store) {
        return new StoredMovementIds(sku, store, store);
    }

    /** Ids to read only (interactive queries): {@link #remember} refuses. */
    public static StoredMovementIds readOnly(final String sku, final ReadOnlyKeyValueStore<String, String> store) {
        return new StoredMovementIds(sku, store, null);
    }

    @Override
    public boolean contains(final String movementId) {
        return reads.get(SkuKeys.movement(sku, movementId)) != null;
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
        writes.put(SkuKeys.movement(sku, movementId), Long.toString(sequence % bound));
    }
}
