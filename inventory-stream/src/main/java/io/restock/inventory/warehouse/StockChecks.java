package io.restock.inventory.warehouse;

import io.restock.events.StockAdjusted;
import io.restock.events.StockMovement;
import io.restock.events.StockShipped;
import io.restock.inventory.stock.StockView;
import io.restock.inventory.topology.MovementDigest;
import io.restock.service.problem.Violation;

import java.util.Optional;

/**
 * Checks a movement that takes units away against the SKU's current stock, so the warehouse hears
 * "no" at once (422) instead of the event being dead-lettered later: a removal may take at most the
 * available units (on hand minus allocated: allocated units are promised to lines), a shipment at
 * most the units of its line (its open units, allocated and backordered: units beyond its allocation ship from what
 * it waits for; or released by a cancellation after the shipment request and not shipped yet: the warehouse may
 * have picked them before it heard of the revocation, {@code exceeds-line}) and at most the units on hand
 * ({@code exceeds-on-hand}). A movement whose id the SKU has applied already is a replay and passes
 * (the topology drops it), unless it is the id of a movement applied with other content: that is refused
 * ({@code movement-id-reused}, see {@link #checkReuse}). The check reads a snapshot: a concurrent order can still win the race, and
 * then the topology refuses the movement and dead-letters it ({@code dlq.inventory.stock-movements}).
 */
final class StockChecks {

    private StockChecks() {
    }

    /** Whether the movement needs the SKU's stock to be checked (receipts and additions do not). */
    static boolean needsStock(final StockMovement movement) {
        return switch (movement.getEvent()) {
            case StockAdjusted a -> a.getDelta() < 0;
            case StockShipped s -> true;
            default -> false;
        };
    }

    /**
     * Empty if a movement whose id the SKU applied already is a retry of it (same content); otherwise why the
     * id cannot be used again: the SKU applied it with other content. {@code stock} is empty for a SKU never seen.
     */
    static Optional<Violation> checkReuse(final StockMovement movement, final String movementId,
                                          final Optional<StockView> stock) {
        if (stock.isEmpty() || !Boolean.TRUE.equals(stock.get().movementApplied())) {
            return Optional.empty();
        }
        final String kept = stock.get().movementDigest();
        if (kept == null || kept.isEmpty() || kept.equals(MovementDigest.of(movement))) {
            return Optional.empty();
        }
        return Optional.of(new Violation("movementId", "movement-id-reused", "movement id " + movementId
                + " was applied to " + stock.get().sku() + " with other content; a new movement needs a new movementId"));
    }

    /** Empty if the movement may go; otherwise why not. {@code stock} is empty for a SKU never seen. */
    static Optional<Violation> check(final StockMovement movement, final Optional<StockView> stock) {
        if (stock.isPresent() && Boolean.TRUE.equals(stock.get().movementApplied())) {
            return Optional.empty();
        }
        final int available = stock.map(StockView::available).orElse(0);
        final int allocated = stock.map(StockView::allocated).orElse(0);
        return switch (movement.getEvent()) {
            case StockAdjusted a when a.getDelta() < 0 && -a.getDelta() > available -> Optional.of(new Violation("delta",
                    "exceeds-available", "cannot remove " + -a.getDelta() + " units of " + a.getSku() + ": "
                    + available + " available (on hand " + stock.map(StockView::onHand).orElse(0) + ", allocated "
                    + allocated + "); cancel or ship allocated lines first"));
            case StockShipped s when stock.isEmpty() -> Optional.of(new Violation("sku", "unknown-sku",
                    "inventory-stream has no stock or lines for SKU " + s.getSku()));
            case StockShipped s when stock.get().lineShippable() != null
                    && s.getQuantity() > stock.get().lineShippable() -> Optional.of(new Violation("quantity",
                    "exceeds-line", "cannot ship " + s.getQuantity() + " units of " + s.getSku() + " for line "
                    + s.getOrderId() + "/" + s.getLineId() + ": it has " + stock.get().lineShippable()
                    + " open (allocated or backordered; or released by its cancellation and not shipped yet)"));
            case StockShipped s when stock.get().lineShippable() == null && s.getQuantity() > allocated ->
                    Optional.of(new Violation("quantity", "exceeds-line", "cannot ship " + s.getQuantity()
                            + " units of " + s.getSku() + ": only " + allocated + " allocated"));
            case StockShipped s when s.getQuantity() > stock.get().onHand() -> Optional.of(new Violation("quantity",
                    "exceeds-on-hand", "cannot ship " + s.getQuantity() + " units of " + s.getSku() + ": only "
                    + stock.get().onHand() + " on hand; correct the count (an adjustment) first"));
            default -> Optional.empty();
        };
    }
}
