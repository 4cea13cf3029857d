package io.restock.inventory.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.CustomerTier;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.ShortfallCause;
import io.restock.events.StockLevel;
import io.restock.events.StockShortfall;
import io.restock.events.Substitute;
import io.restock.inventory.allocation.Level;
import io.restock.inventory.allocation.Outcome;

import java.math.RoundingMode;
import java.time.Instant;

/**
 * Turns domain outcomes into events. Event ids are derived from the id of the input that caused
 * them and the outcome's place among its siblings, so a replay writes the same ids.
 */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    static String eventId(final String causeId, final int index) {
        return causeId + "#" + index;
    }

    /** The line event for a line outcome. */
    static LineEvent lineEvent(final Outcome outcome, final String eventId, final Instant at, final String sku,
                               final ShippingPolicy shippingPolicy) {
        final Object event = switch (outcome) {
            case Outcome.Allocated a -> new LineAllocated(eventId, at, a.orderId(), a.lineId(), sku, a.quantity(),
                    a.orderedQuantity(), shippingPolicy);
            case Outcome.Backordered b -> new LineBackordered(eventId, at, b.orderId(), b.lineId(), sku, b.quantity(),
                    b.orderedQuantity(), b.queuePosition(), b.promisedDate(), b.placedAt(), tier(b.tierRank()),
                    b.lineValue().setScale(4, RoundingMode.HALF_UP));
            case Outcome.Rejected r -> new LineRejected(eventId, at, r.orderId(), r.lineId(), sku, r.quantity(),
                    RejectionReason.valueOf(r.reason().name()), r.detail(),
                    r.substitutes().stream().map(s -> new Substitute(s.sku(), s.available())).toList());
            case Outcome.Released r -> new LineReleased(eventId, at, r.orderId(), r.lineId(), sku, r.quantity());
            case Outcome.BackorderFilled f -> new BackorderAllocated(eventId, at, f.orderId(), f.lineId(), sku,
                    f.quantity(), f.remainingBackordered());
            case Outcome.BackorderCancelled c -> new BackorderCancelled(eventId, at, c.orderId(), c.lineId(), sku,
                    c.quantity());
            case Outcome.ShortfallRaised s -> throw new IllegalArgumentException("not a line outcome: " + s);
        };
        return new LineEvent(event);
    }

    /** The order a line outcome belongs to (the key of its line event). */
    static String orderId(final Outcome outcome) {
        return switch (outcome) {
            case Outcome.Allocated a -> a.orderId();
            case Outcome.Backordered b -> b.orderId();
            case Outcome.Rejected r -> r.orderId();
            case Outcome.Released r -> r.orderId();
            case Outcome.BackorderFilled f -> f.orderId();
            case Outcome.BackorderCancelled c -> c.orderId();
            case Outcome.ShortfallRaised s -> throw new IllegalArgumentException("not a line outcome: " + s);
        };
    }

    static StockShortfall shortfall(final Outcome.ShortfallRaised s, final String eventId, final Instant at,
                                    final String sku) {
        return new StockShortfall(eventId, at, sku, s.quantity(),
                s.backorders() ? ShortfallCause.BACKORDER : ShortfallCause.REORDER_POINT, s.inventoryPosition(),
                s.reorderPoint(), s.targetLevel(), s.needBy());
    }

    static StockLevel stockLevel(final Level level, final String eventId, final Instant at, final String sku) {
        return new StockLevel(eventId, at, sku, level.onHand(), level.allocated(), Math.max(0, level.available()),
                level.backordered(), level.onOrder(), level.inventoryPosition());
    }

    /** The tier of a rank ({@code CustomerTier} ordinal, as inventory-stream ranks tiers). */
    static CustomerTier tier(final int rank) {
        final CustomerTier[] tiers = CustomerTier.values();
        return tiers[Math.max(0, Math.min(rank, tiers.length - 1))];
    }
}
