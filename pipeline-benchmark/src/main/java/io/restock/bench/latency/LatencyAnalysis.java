package io.restock.bench.latency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Turns {@link Observations} into the pipeline's latencies and rates. Every latency starts at the order's record
 * timestamp (order accepted) and ends when a {@code read_committed} consumer saw:
 * <ul>
 *   <li><b>decision</b>: the line's first decision on {@code inventory.line-events} (allocated, backordered or
 *       rejected), every line;</li>
 *   <li><b>purchase order</b>: for a backordered line, the first {@code PurchaseOrderIssued} ordering its SKU
 *       that became visible after the line's backorder did (a shortfall already covered by a purchase order on its
 *       way issues none: such lines are counted as not matched);</li>
 *   <li><b>notification</b>: for a backordered or rejected line, the first customer notification decision (sent
 *       or suppressed) naming the line.</li>
 * </ul>
 */
public final class LatencyAnalysis {

    /**
     * The result.
     *
     * @param orders          orders accepted in the run
     * @param lines           their lines
     * @param linesDecided    lines with a decision
     * @param backordered     lines first backordered
     * @param rejected        lines first rejected
     * @param withPurchaseOrder backordered lines matched to a purchase order
     * @param notified        backordered or rejected lines with a notification
     * @param ordersPerSecond orders accepted per second, from the first to the last order's timestamp
     * @param linesPerSecond  lines decided per second, from the first order's timestamp to the last decision
     * @param meanOrderBytes  mean serialized size of an order event's value
     * @param purchaseOrdersIssued {@code PurchaseOrderIssued} events seen during the run (any SKU)
     */
    public record Result(long orders, long lines, long linesDecided, long backordered, long rejected,
                         long withPurchaseOrder, long notified, double ordersPerSecond, double linesPerSecond,
                         double meanOrderBytes, long purchaseOrdersIssued, LatencySummary decision,
                         LatencySummary purchaseOrder,
                         LatencySummary notification) {
    }

    private LatencyAnalysis() {
    }

    /** Analyses the orders whose id {@code ours} accepts (a run's own, on a shared cluster). */
    public static Result analyse(final Observations seen, final Predicate<String> ours) {
        final Histogram decision = LatencySummary.newHistogram();
        final Histogram purchase = LatencySummary.newHistogram();
        final Histogram notice = LatencySummary.newHistogram();
        final Map<String, long[]> poTimesBySku = purchaseOrderTimesBySku(seen.purchaseOrders());
        long orders = 0;
        long lines = 0;
        long decided = 0;
        long backordered = 0;
        long rejected = 0;
        long matched = 0;
        long notified = 0;
        long bytes = 0;
        long firstAccepted = Long.MAX_VALUE;
        long lastAccepted = Long.MIN_VALUE;
        long lastDecision = Long.MIN_VALUE;
        for (final Observations.Order order : seen.orders().values()) {
            if (!ours.test(order.orderId())) {
                continue;
            }
            orders++;
            bytes += order.valueBytes();
            firstAccepted = Math.min(firstAccepted, order.acceptedAtMillis());
            lastAccepted = Math.max(lastAccepted, order.acceptedAtMillis());
            final List<Observations.Notification> notifications = seen.notificationsOf(order.orderId());
            for (final Observations.Line line : order.lines()) {
                lines++;
                final Observations.LineDecision first = seen.decisionOf(order.orderId(), line.lineId());
                if (first == null) {
                    continue;
                }
                decided++;
                lastDecision = Math.max(lastDecision, first.visibleAtMillis());
                LatencySummary.record(decision, first.visibleAtMillis() - order.acceptedAtMillis());
                if (first.decision() == Observations.Decision.ALLOCATED) {
                    continue;
                }
                if (first.decision() == Observations.Decision.BACKORDERED) {
                    backordered++;
                    final long issued = firstAtOrAfter(poTimesBySku.get(line.sku()), first.visibleAtMillis());
                    if (issued != Long.MIN_VALUE) {
                        matched++;
                        LatencySummary.record(purchase, issued - order.acceptedAtMillis());
                    }
                } else {
                    rejected++;
                }
                final long told = notifications.stream().filter(n -> n.lineIds().contains(line.lineId()))
                        .mapToLong(Observations.Notification::visibleAtMillis).min().orElse(Long.MIN_VALUE);
                if (told != Long.MIN_VALUE) {
                    notified++;
                    LatencySummary.record(notice, told - order.acceptedAtMillis());
                }
            }
        }
        final double orderSpan = orders > 1 ? (lastAccepted - firstAccepted) / 1000.0 : Double.NaN;
        final double decisionSpan = decided > 0 ? (lastDecision - firstAccepted) / 1000.0 : Double.NaN;
        return new Result(orders, lines, decided, backordered, rejected, matched, notified,
                orders > 1 && orderSpan > 0 ? (orders - 1) / orderSpan : Double.NaN,
                decided > 0 && decisionSpan > 0 ? decided / decisionSpan : Double.NaN,
                orders == 0 ? Double.NaN : (double) bytes / orders, seen.purchaseOrders().size(),
                LatencySummary.of(decision), LatencySummary.of(purchase), LatencySummary.of(notice));
    }

    private static Map<String, long[]> purchaseOrderTimesBySku(final List<Observations.PurchaseOrder> issued) {
        final Map<String, List<Long>> times = new HashMap<>();
        issued.forEach(po -> po.skus().forEach(sku -> times.computeIfAbsent(sku, s -> new ArrayList<>())
                .add(po.visibleAtMillis())));
        final Map<String, long[]> sorted = new HashMap<>();
        times.forEach((sku, list) -> sorted.put(sku, list.stream().mapToLong(Long::longValue).sorted().toArray()));
        return sorted;
    }

    /** The first time in {@code sorted} at or after {@code from}, or {@link Long#MIN_VALUE}. */
    static long firstAtOrAfter(final long[] sorted, final long from) {
        if (sorted == null) {
            return Long.MIN_VALUE;
        }
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (sorted[mid] < from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < sorted.length ? sorted[low] : Long.MIN_VALUE;
    }
}
