package io.restock.inventory.stock;

import java.util.List;

/**
 * {@code GET /skus/{sku}/backorders}: the SKU's waiting lines in the order arriving stock would serve
 * them now (the configured priority rule at {@code asOf}), first = position 1.
 */
public record BackorderQueueView(String sku, String priorityRule, String asOf, String servedBy, int backordered,
                                 List<QueuedLine> lines) {

    /** One waiting line: units still backordered and the date promised when it was backordered. */
    public record QueuedLine(int position, String orderId, String lineId, int quantity, String placedAt,
                             String promisedDate) {
    }
}
