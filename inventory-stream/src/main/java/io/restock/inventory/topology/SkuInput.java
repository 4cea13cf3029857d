package io.restock.inventory.topology;

import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.StockMovement;
import io.restock.inventory.internal.LineCommand;
import io.restock.inventory.internal.OfferChange;

/**
 * Everything that reaches a SKU's single writer, merged into one stream keyed by SKU. Lives only
 * between nodes of one sub-topology, so it never needs a serde. Policy and supply are null for
 * tombstones (the table entry was deleted).
 */
sealed interface SkuInput {

    /** An order line to allocate or cancel. */
    record Command(LineCommand command) implements SkuInput {
    }

    /** A warehouse movement: received, adjusted, shipped. */
    record Movement(StockMovement movement) implements SkuInput {
    }

    /** The SKU's catalogue policy changed (null: deleted). */
    record PolicyChanged(SkuPolicy policy) implements SkuInput {
    }

    /** backorder-processor's supply schedule for the SKU changed (null: deleted). */
    record SupplyChanged(SkuSupply supply) implements SkuInput {
    }

    /** One supplier's offer for the SKU changed. */
    record OfferChanged(OfferChange offer) implements SkuInput {
    }
}
