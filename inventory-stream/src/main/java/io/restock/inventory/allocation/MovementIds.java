package io.restock.inventory.allocation;

/**
 * The warehouse movement ids a SKU has applied, the newest {@code bound} of them, to drop a
 * movement delivered twice. The topology backs it with the {@code sku-movement-ids} store.
 */
public interface MovementIds {

    /** Whether this id is among the remembered ones. */
    boolean contains(String movementId);

    /**
     * Remembers the {@code sequence}-th id of the SKU (0-based) and forgets the one remembered
     * {@code bound} ids before it.
     */
    void remember(String movementId, long sequence, int bound);
}
