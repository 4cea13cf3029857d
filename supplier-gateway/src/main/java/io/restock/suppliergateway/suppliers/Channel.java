package io.restock.suppliergateway.suppliers;

/** How a supplier receives its purchase orders. */
public enum Channel {
    /** JSON on the supplier's own topic {@code suppliers.<id>.purchase-orders}, written exactly once. */
    KAFKA,
    /** A signed HTTP POST of the same JSON, at least once with a delivery id for deduplication. */
    WEBHOOK
}
