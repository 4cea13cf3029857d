package io.restock.backorder.topology;

import io.restock.backorder.internal.OfferChange;
import io.restock.backorder.internal.SupplyUpdate;
import io.restock.events.SkuPolicy;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockShortfall;

/** Everything the SKU planner merges, each kept as its own type (never serialized: it lives between two nodes). */
sealed interface SkuInput {

    record Shortfall(StockShortfall value) implements SkuInput {
    }

    record Movement(StockMovement value) implements SkuInput {
    }

    record Level(StockLevel value) implements SkuInput {
    }

    /** {@code value} is null for a tombstone (policy withdrawn). */
    record Policy(SkuPolicy value) implements SkuInput {
    }

    record Offer(OfferChange value) implements SkuInput {
    }

    record Supply(SupplyUpdate value) implements SkuInput {
    }
}
