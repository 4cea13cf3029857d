package io.restock.inventory.stock;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.allocation.BookLine;
import io.restock.inventory.allocation.Level;
import io.restock.inventory.allocation.SkuBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps a {@link SkuBook} to the read API's JSON views. */
final class StockViews {

    private StockViews() {
    }

    static StockView stock(final SkuBook book, final Instant asOf, final String servedBy, final String movementId,
                           final String movementDigest, final Integer lineShippable) {
        final Level level = book.level();
        return new StockView(book.sku(), level.onHand(), level.allocated(), level.available(), level.backordered(),
                level.onOrder(), level.inventoryPosition(), asOf.toString(), servedBy,
                movementId == null ? null : book.hasApplied(movementId), movementDigest, lineShippable);
    }

    static BackorderQueueView queue(final SkuBook book, final PriorityRule rule, final Instant asOf,
                                    final String servedBy) {
        final List<BackorderQueueView.QueuedLine> queued = new ArrayList<>();
        int position = 0;
        for (final BookLine line : book.queue(rule, asOf)) {
            queued.add(new BackorderQueueView.QueuedLine(++position, line.orderId(), line.lineId(), line.backordered(),
                    line.placedAt().toString(), line.promisedDate() == null ? null : line.promisedDate().toString()));
        }
        return new BackorderQueueView(book.sku(), rule.toString(), asOf.toString(), servedBy, book.backordered(),
                queued);
    }
}
