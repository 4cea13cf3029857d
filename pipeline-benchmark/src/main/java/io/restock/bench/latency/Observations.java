package io.restock.bench.latency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the benchmark saw on Restock's public topics, as plain data: each order with its record timestamp (when
 * order-intake accepted it), and the wall-clock time each later event became visible to a {@code read_committed}
 * consumer. Filled by one thread ({@link EventObserver}), read by {@link LatencyAnalysis} once that thread stopped.
 */
public final class Observations {

    /** A line's first decision. */
    public enum Decision { ALLOCATED, BACKORDERED, REJECTED }

    /** One order line. */
    public record Line(String lineId, String sku) {
    }

    /** An accepted order: its record timestamp and its lines. */
    public record Order(String orderId, long acceptedAtMillis, List<Line> lines, int valueBytes) {
        public Order {
            lines = List.copyOf(lines);
        }
    }

    /** A line's first decision event, when it became visible. */
    public record LineDecision(Decision decision, long visibleAtMillis) {
    }

    /** A purchase order issued, when it became visible, and the SKUs it orders. */
    public record PurchaseOrder(long visibleAtMillis, Set<String> skus) {
        public PurchaseOrder {
            skus = Set.copyOf(skus);
        }
    }

    /** A customer notification decision (sent or suppressed), when it became visible, and the lines it covers. */
    public record Notification(long visibleAtMillis, List<String> lineIds) {
        public Notification {
            lineIds = List.copyOf(lineIds);
        }
    }

    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, LineDecision> decisions = new HashMap<>();
    private final List<PurchaseOrder> purchaseOrders = new ArrayList<>();
    private final Map<String, List<Notification>> notifications = new HashMap<>();

    public synchronized void order(final Order order) {
        orders.putIfAbsent(order.orderId(), order);
    }

    /** Keeps only the first decision seen for a line (later events on it are fills, releases, cancellations). */
    public synchronized void decision(final String orderId, final String lineId, final Decision decision,
                                      final long visibleAtMillis) {
        decisions.putIfAbsent(key(orderId, lineId), new LineDecision(decision, visibleAtMillis));
    }

    public synchronized void purchaseOrder(final PurchaseOrder purchaseOrder) {
        purchaseOrders.add(purchaseOrder);
    }

    public synchronized void notification(final String orderId, final Notification notification) {
        notifications.computeIfAbsent(orderId, id -> new ArrayList<>()).add(notification);
    }

    /** Lines of the orders {@code ours} accepts that have no decision yet, and how many orders those are. */
    public synchronized long undecidedLines(final java.util.function.Predicate<String> ours) {
        return orders.values().stream().filter(o -> ours.test(o.orderId()))
                .mapToLong(o -> o.lines().stream().filter(l -> !decisions.containsKey(key(o.orderId(), l.lineId())))
                        .count())
                .sum();
    }

    synchronized Map<String, Order> orders() {
        return Map.copyOf(orders);
    }

    synchronized LineDecision decisionOf(final String orderId, final String lineId) {
        return decisions.get(key(orderId, lineId));
    }

    synchronized List<PurchaseOrder> purchaseOrders() {
        return List.copyOf(purchaseOrders);
    }

    synchronized List<Notification> notificationsOf(final String orderId) {
        return List.copyOf(notifications.getOrDefault(orderId, List.of()));
    }

    private static String key(final String orderId, final String lineId) {
        return orderId + "\u0000" + lineId;
    }
}
