package io.restock.inventory.stock;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.allocation.BookLine;
import io.restock.inventory.allocation.Level;
import io.restock.inventory.allocation.Outcome;
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

    static AvailabilityView availability(final String sku, final int quantity, final Integer maxWaitDays,
                                         final SkuBook.Availability a, final Instant asOf, final String servedBy) {
        final String status = a.reason() != null ? AvailabilityView.NOT_AVAILABLE
                : a.backordered() == 0 ? AvailabilityView.IN_STOCK : AvailabilityView.BACKORDERABLE;
        final boolean rejected = a.reason() != null;
        return new AvailabilityView(sku, quantity, status, a.inStock(), rejected ? 0 : a.backordered(),
                rejected ? a.backordered() : 0, a.date() == null ? null : a.date().toString(), a.reason() == null ? null : a.reason().name(),
                a.detail(), a.reason() == null ? null
                        : a.substitutes().stream().map(s -> new AvailabilityView.Substitute(s.sku(), s.available())).toList(),
                maxWaitDays, asOf.toString(), servedBy);
    }

    /** A SKU this service has never seen: no policy, so {@code UNKNOWN_SKU} (and no substitute list to offer). */
    static AvailabilityView unknownSku(final String sku, final int quantity, final Integer maxWaitDays,
                                       final Instant asOf, final String servedBy) {
        return new AvailabilityView(sku, quantity, AvailabilityView.NOT_AVAILABLE, 0, 0, quantity, null,
                Outcome.Reason.UNKNOWN_SKU.name(), "no policy for SKU " + sku, List.of(), maxWaitDays,
                asOf.toString(), servedBy);
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
