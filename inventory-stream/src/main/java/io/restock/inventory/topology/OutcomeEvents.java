package io.restock.inventory.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.CustomerTier;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.DropShipRequest;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
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
 * them, the kind of event and what it is about ({@code <causeId>/<kind>/<orderId>/<lineId>}, or the
 * SKU for SKU events), so a replay writes the same ids and no two events share one (issue 12,
 * finding 13: a bare position counter named events of different kinds alike).
 */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    static String eventId(final String causeId, final Outcome outcome, final String sku) {
        return switch (outcome) {
            case Outcome.Allocated a -> causeId + "/line-allocated/" + a.orderId() + "/" + a.lineId();
            case Outcome.Backordered b -> causeId + "/line-backordered/" + b.orderId() + "/" + b.lineId();
            case Outcome.Rejected r -> causeId + "/line-rejected/" + r.orderId() + "/" + r.lineId();
            case Outcome.Released r -> causeId + "/line-released/" + r.orderId() + "/" + r.lineId();
            case Outcome.BackorderFilled f -> causeId + "/backorder-allocated/" + f.orderId() + "/" + f.lineId();
            case Outcome.ShippedFromBackorder f -> causeId + "/backorder-shipped/" + f.orderId() + "/" + f.lineId();
            case Outcome.BackorderCancelled c -> causeId + "/backorder-cancelled/" + c.orderId() + "/" + c.lineId();
            case Outcome.DateChanged d -> causeId + "/delivery-date-changed/" + d.orderId() + "/" + d.lineId();
            case Outcome.ShortfallRaised s -> causeId + "/stock-shortfall/" + sku + "/" + s.sequence();
            case Outcome.DropShipRequested d -> causeId + "/drop-ship-requested/" + d.orderId() + "/" + d.lineId();
            case Outcome.DropShipped d -> causeId + "/line-drop-shipped/" + d.orderId() + "/" + d.lineId();
        };
    }

    static String stockLevelEventId(final String causeId, final String sku) {
        return causeId + "/stock-level/" + sku;
    }

    static DeliveryDateChanged dateChanged(final Outcome.DateChanged d, final String eventId, final Instant at,
                                           final String sku) {
        return new DeliveryDateChanged(eventId, at, d.orderId(), d.lineId(), sku, d.previous(), d.next(),
                DateChangeReason.valueOf(d.reason().name()));
    }

    /**
     * The line event for a line outcome; {@code shipmentMovementId} is the movement id of the shipment being applied
     * (null for other inputs): a {@link Outcome.ShippedFromBackorder} names it on its {@code BackorderAllocated}, and an
     * {@link Outcome.Backordered} it caused is units returned to backorder ({@code returnedToBackorder}).
     */
    static LineEvent lineEvent(final Outcome outcome, final String eventId, final Instant at, final String sku,
                               final ShippingPolicy shippingPolicy, final String shipmentMovementId) {
        final Object event = switch (outcome) {
            case Outcome.Allocated a -> new LineAllocated(eventId, at, a.orderId(), a.lineId(), sku, a.quantity(),
                    a.orderedQuantity(), shippingPolicy);
            case Outcome.Backordered b -> new LineBackordered(eventId, at, b.orderId(), b.lineId(), sku, b.quantity(),
                    b.orderedQuantity(), b.queuePosition(), b.promisedDate(), b.placedAt(), tier(b.tierRank()),
                    b.lineValue().setScale(4, RoundingMode.HALF_UP), b.dropShipSupplierId(), shipmentMovementId != null);
            case Outcome.Rejected r -> new LineRejected(eventId, at, r.orderId(), r.lineId(), sku, r.quantity(),
                    RejectionReason.valueOf(r.reason().name()), r.detail(),
                    r.substitutes().stream().map(s -> new Substitute(s.sku(), s.available())).toList());
            case Outcome.Released r -> new LineReleased(eventId, at, r.orderId(), r.lineId(), sku, r.quantity());
            case Outcome.BackorderFilled f -> new BackorderAllocated(eventId, at, f.orderId(), f.lineId(), sku,
                    f.quantity(), f.remainingBackordered(), null);
            case Outcome.ShippedFromBackorder f -> new BackorderAllocated(eventId, at, f.orderId(), f.lineId(), sku,
                    f.quantity(), f.remainingBackordered(), java.util.Objects.requireNonNull(shipmentMovementId,
                            "a shipment from backorder names its shipment"));
            case Outcome.BackorderCancelled c -> new BackorderCancelled(eventId, at, c.orderId(), c.lineId(), sku,
                    c.quantity());
            case Outcome.DropShipped d -> new LineDropShipped(eventId, at, d.orderId(), d.lineId(), sku, d.quantity(),
                    d.supplierId(), d.purchaseOrderId());
            case Outcome.ShortfallRaised s -> throw new IllegalArgumentException("not a line outcome: " + s);
            case Outcome.DateChanged d -> throw new IllegalArgumentException("not a line outcome: " + d);
            case Outcome.DropShipRequested d -> throw new IllegalArgumentException("not a line outcome: " + d);
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
            case Outcome.ShippedFromBackorder f -> f.orderId();
            case Outcome.BackorderCancelled c -> c.orderId();
            case Outcome.DateChanged d -> d.orderId();
            case Outcome.DropShipped d -> d.orderId();
            case Outcome.DropShipRequested d -> d.orderId();
            case Outcome.ShortfallRaised s -> throw new IllegalArgumentException("not a line outcome: " + s);
        };
    }

    static StockShortfall shortfall(final Outcome.ShortfallRaised s, final String eventId, final Instant at,
                                    final String sku) {
        return new StockShortfall(eventId, at, sku, s.quantity(),
                s.backorders() ? ShortfallCause.BACKORDER : ShortfallCause.REORDER_POINT, s.inventoryPosition(),
                s.reorderPoint(), s.targetLevel(), s.needBy(), s.sequence(), null);
    }

    /**
     * The request for one drop-ship line: its units, the supplier named, no sequence (it is never on order
     * and not part of the stock requirement).
     */
    static StockShortfall dropShipRequest(final Outcome.DropShipRequested d, final String eventId, final Instant at,
                                          final String sku, final Level level, final SkuTermsView terms) {
        return new StockShortfall(eventId, at, sku, d.quantity(), ShortfallCause.BACKORDER, level.inventoryPosition(),
                terms.reorderPoint(), terms.targetLevel(), d.promisedDate(), null,
                new DropShipRequest(d.orderId(), d.lineId(), d.supplierId()));
    }

    /** The SKU's reorder point and target level, for the shortfall fields a drop-ship request carries too. */
    record SkuTermsView(int reorderPoint, int targetLevel) {
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
