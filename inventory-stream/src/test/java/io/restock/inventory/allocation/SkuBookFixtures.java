package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where the SKU book's tests start: a fixed now, FIFO with UTC dates and a 30-day maximum wait, a line request of
 * line "1", and a backorderable SKU with a 5-day supplier and units on hand.
 */
final class SkuBookFixtures {

    static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private SkuBookFixtures() {
    }

    static SkuBook.Context at(final Instant now) {
        return new SkuBook.Context(PriorityRule.FIFO, now, ZoneOffset.UTC, 30, sku -> 0);
    }

    static LineRequest line(final String order, final int quantity, final Instant placedAt) {
        return new LineRequest(order, "1", quantity, BigDecimal.TEN, placedAt, 0, null);
    }

    /** {@code sku-a}: backorderable, no maximum wait of its own, supplier acme at 5 days, {@code onHand} units. */
    static SkuBook stocked(final int onHand) {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(new SkuTerms(true, null, 0, 0, 1, List.of()), at(NOW));
        book.changeLeadTime("acme", 5);
        if (onHand > 0) {
            book.receive(onHand, false, at(NOW));
        }
        return book;
    }
}
