package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No HTTP 2xx for an order that is not in {@code orders.order-events}: every order order-intake answered 2xx
 * has an {@code OrderPlaced} with the same lines (id, SKU, quantity). A second {@code OrderPlaced} of one order is
 * not counted here: order-intake documents it after an ambiguous 503 (order-intake/README.md, Idempotency), and
 * {@link LinesDecidedOnce} checks that it is not decided twice.
 */
public final class AcceptedOrdersArePlaced implements Invariant {

    @Override
    public String name() {
        return "accepted-orders-are-placed";
    }

    @Override
    public String compares() {
        return "each order answered 2xx in the log against the OrderPlaced records of orders.order-events (same lines)";
    }

    @Override
    public List<Violation> check(final History history) {
        final Map<String, List<History.Placed>> placed = new HashMap<>();
        history.placedOrders().forEach(p -> placed.computeIfAbsent(p.orderId(), id -> new ArrayList<>()).add(p));
        final List<Violation> violations = new ArrayList<>();
        for (final History.SentOrder order : history.sentOrders()) {
            if (!order.accepted()) {
                continue;
            }
            final List<History.Placed> records = placed.getOrDefault(order.orderId(), List.of());
            if (records.isEmpty()) {
                violations.add(new Violation(name(), order.orderId(), "answered HTTP " + order.finalStatus()
                        + " but no OrderPlaced on orders.order-events"));
                continue;
            }
            final Set<History.Line> sent = new HashSet<>(order.lines());
            for (final History.Placed record : records) {
                if (!new HashSet<>(record.lines()).equals(sent)) {
                    violations.add(new Violation(name(), order.orderId(), "OrderPlaced " + record.eventId()
                            + " has lines " + record.lines() + ", the shop sent " + order.lines()));
                }
            }
        }
        return violations;
    }
}
