package io.restock.orderintake.view;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.Substitute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One order as the status view knows it: what was ordered and each line's fate, folded from
 * {@code orders.order-events}, {@code inventory.line-events} and {@code promises.delivery-dates}.
 * Plain data with pure {@code apply} functions; the topology stores it per order id.
 *
 * <p>{@code version} counts the events applied, {@code updatedAtMillis} is the {@code occurredAt}
 * of the latest: together they tell a reader how current the view is. Line events that arrive
 * before their order (they should not, but the topics are separate) create the line; the order's
 * details fill in when {@code OrderPlaced} arrives. A second {@code OrderPlaced} for the same order
 * id is ignored: the first one wins.
 *
 * @param acceptance null until the order's {@code OrderPlaced} has been seen
 */
public record OrderView(String orderId, String shopId, String customerId, Long placedAtMillis, String shippingPolicy,
                        String currency, Integer maxWaitDays, Acceptance acceptance, List<LineView> lines, long version,
                        long updatedAtMillis) {

    /** The key-value store of order-intake's Kafka Streams application that holds the views (orderId → view). */
    public static final String STORE = "order-views";

    public static OrderView empty(final String orderId) {
        return new OrderView(orderId, null, null, null, null, null, null, null, List.of(), 0, 0);
    }

    public boolean placed() {
        return acceptance != null;
    }

    /** Whether allocated units ship now: always for PARTIAL, only when every line is settled for COMPLETE. */
    public boolean shipsNow() {
        if (!"COMPLETE".equals(shippingPolicy)) {
            return true;
        }
        for (final LineView line : lines) {
            if (!line.cancellationRequested() && !line.settled()) {
                return false;
            }
        }
        return true;
    }

    public OrderView applyPlaced(final OrderPlaced placed, final Acceptance how) {
        if (placed()) {
            return this;
        }
        final List<LineView> merged = new ArrayList<>(placed.getLines().size());
        for (final OrderLine line : placed.getLines()) {
            final LineView known = find(line.getLineId());
            merged.add((known == null ? LineView.unknown(line.getLineId(), line.getSku()) : known)
                    .withOrder(line.getSku(), line.getQuantity(), line.getUnitPrice()));
        }
        for (final LineView line : lines) {
            if (merged.stream().noneMatch(l -> l.lineId().equals(line.lineId()))) {
                merged.add(line);
            }
        }
        return new OrderView(placed.getOrderId(), placed.getShopId(), placed.getCustomer().getCustomerId(),
                placed.getPlacedAt().toEpochMilli(), placed.getShippingPolicy().name(), placed.getCurrency(),
                placed.getMaxWaitDays(), how, List.copyOf(merged), version + 1,
                Math.max(updatedAtMillis, placed.getOccurredAt().toEpochMilli()));
    }

    public OrderView applyCancellation(final OrderCancellationRequested cancellation) {
        final List<String> ids = cancellation.getLineIds();
        final List<LineView> updated = new ArrayList<>(lines.size());
        for (final LineView line : lines) {
            updated.add(ids.isEmpty() || ids.contains(line.lineId()) ? line.withCancellationRequested() : line);
        }
        return next(updated, cancellation.getOccurredAt());
    }

    public OrderView applyLineEvent(final LineEvent event) {
        return switch (event.getEvent()) {
            case LineAllocated e -> line(e.getLineId(), e.getSku(), l -> l.withAllocated(l.allocated() + e.getQuantity()),
                    e.getOccurredAt());
            case LineBackordered e -> line(e.getLineId(), e.getSku(),
                    l -> (l.ordered() > 0 && l.allocated() + l.backordered() + l.rejected() + l.released()
                            + l.backorderCancelled() >= l.ordered()
                            // a decided line backordered again: its allocated units went to a shipment of a
                            // cancelled line's units (inventory-stream's SkuBook.shipWithdrawn)
                            ? l.withAllocated(l.allocated() - e.getQuantity()) : l)
                            .withBackordered(l.backordered() + e.getQuantity(), e.getPromisedDate().toString(),
                                    e.getQueuePosition()), e.getOccurredAt());
            case LineRejected e -> line(e.getLineId(), e.getSku(),
                    l -> l.withRejected(e.getQuantity(), e.getReason().name(), e.getDetail(), substitutes(e)),
                    e.getOccurredAt());
            case LineReleased e -> line(e.getLineId(), e.getSku(), l -> l.withReleased(e.getQuantity()),
                    e.getOccurredAt());
            case BackorderAllocated e -> line(e.getLineId(), e.getSku(),
                    l -> l.withAllocated(l.allocated() + e.getQuantity())
                            .withBackordered(e.getRemainingBackordered(),
                                    e.getRemainingBackordered() == 0 ? null : l.promisedDate(), l.queuePosition()),
                    e.getOccurredAt());
            case BackorderCancelled e -> line(e.getLineId(), e.getSku(), l -> l.withBackorderCancelled(e.getQuantity()),
                    e.getOccurredAt());
            case LineDropShipped e -> line(e.getLineId(), e.getSku(), l -> l.withDropShipped(e.getQuantity()),
                    e.getOccurredAt());
            default -> throw new IllegalArgumentException("unknown line event " + event.getEvent().getClass());
        };
    }

    public OrderView applyDateChange(final DeliveryDateChanged change) {
        return line(change.getLineId(), change.getSku(), l -> l.withPromisedDate(change.getNewDate().toString()),
                change.getOccurredAt());
    }

    public LineView find(final String lineId) {
        for (final LineView line : lines) {
            if (line.lineId().equals(lineId)) {
                return line;
            }
        }
        return null;
    }

    private OrderView line(final String lineId, final String sku, final UnaryOperator<LineView> change,
                           final Instant occurredAt) {
        final List<LineView> updated = new ArrayList<>(lines.size() + 1);
        boolean found = false;
        for (final LineView line : lines) {
            if (line.lineId().equals(lineId)) {
                updated.add(change.apply(line));
                found = true;
            } else {
                updated.add(line);
            }
        }
        if (!found) {
            updated.add(change.apply(LineView.unknown(lineId, sku)));
        }
        return next(updated, occurredAt);
    }

    private OrderView next(final List<LineView> updated, final Instant occurredAt) {
        return new OrderView(orderId, shopId, customerId, placedAtMillis, shippingPolicy, currency, maxWaitDays,
                acceptance, List.copyOf(updated), version + 1, Math.max(updatedAtMillis, occurredAt.toEpochMilli()));
    }

    private static List<LineView.SubstituteView> substitutes(final LineRejected rejected) {
        final List<LineView.SubstituteView> out = new ArrayList<>();
        for (final Substitute s : rejected.getSubstitutes()) {
            out.add(new LineView.SubstituteView(s.getSku(), s.getAvailable()));
        }
        return out;
    }
}
