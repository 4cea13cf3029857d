package io.restock.kpis.figures;

import io.restock.kpis.internal.KpiCounters;
import io.restock.kpis.internal.KpiDelta;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds {@link KpiDelta}s into {@link KpiCounters} (a bucket or the all-time sums) and adds buckets together
 * (a window is the sum of its buckets). Plain Java: no Kafka types.
 */
public final class Tally {

    private Tally() {
    }

    public static KpiCounters empty(final String scope) {
        return KpiCounters.newBuilder().setScope(scope).setWaitHistogram(ByteBuffer.allocate(0))
                .setSupplierDeliveries(new HashMap<>()).setSupplierOnTime(new HashMap<>())
                .setDeadLetters(new HashMap<>()).build();
    }

    /** Whether a delta changes any sum (rather than only the open backorders, the gauges or nothing). */
    public static boolean counts(final KpiDelta d) {
        return d.getLinesDecided() != 0 || d.getLinesBackordered() != 0 || d.getUnitsOrdered() != 0
                || d.getUnitsAllocatedAtOrder() != 0 || d.getBackordersCancelled() != 0 || d.getBackordersFilled() != 0
                || d.getDateChange() != null || d.getPurchaseOrdersIssued() != 0 || d.getSupplierDelivered() != null
                || d.getDeadLetterTopic() != null;
    }

    /** {@code counters} plus {@code d} (changes and returns {@code counters}). */
    public static KpiCounters add(final KpiCounters counters, final KpiDelta d) {
        addLineCounts(counters, d.getLinesDecided(), d.getLinesBackordered(), d.getUnitsOrdered(),
                d.getUnitsAllocatedAtOrder(), d.getBackordersCancelled(), d.getBackordersFilled());
        if (d.getWaitMillis() != null) {
            final long wait = Math.max(0, d.getWaitMillis());
            counters.setWaitMillisSum(counters.getWaitMillisSum() + wait);
            counters.setWaitMillisMax(Math.max(counters.getWaitMillisMax(), wait));
            final Histogram histogram = WaitHistogram.decode(counters.getWaitHistogram());
            histogram.recordValue(wait);
            counters.setWaitHistogram(WaitHistogram.encode(histogram));
        }
        if (Boolean.TRUE.equals(d.getPromiseKept())) {
            counters.setPromisesKept(counters.getPromisesKept() + 1);
        }
        counters.setDaysLateSum(counters.getDaysLateSum() + d.getDaysLate());
        if (d.getDateChange() != null) {
            counters.setDateChanges(counters.getDateChanges() + 1);
        }
        counters.setPurchaseOrdersIssued(counters.getPurchaseOrdersIssued() + d.getPurchaseOrdersIssued());
        if (d.getSupplierId() != null && d.getSupplierDelivered() != null) {
            counters.getSupplierDeliveries().merge(d.getSupplierId(), 1L, Long::sum);
            counters.getSupplierOnTime().merge(d.getSupplierId(), d.getSupplierDelivered() ? 1L : 0L, Long::sum);
        }
        if (d.getDeadLetterTopic() != null) {
            counters.getDeadLetters().merge(d.getDeadLetterTopic(), 1L, Long::sum);
        }
        return counters;
    }

    /** The sum of two counters, as a new one of {@code scope}. */
    public static KpiCounters merge(final String scope, final KpiCounters a, final KpiCounters b) {
        final KpiCounters sum = empty(scope);
        for (final KpiCounters c : new KpiCounters[] {a, b}) {
            addLineCounts(sum, c.getLinesDecided(), c.getLinesBackordered(), c.getUnitsOrdered(),
                    c.getUnitsAllocatedAtOrder(), c.getBackordersCancelled(), c.getBackordersFilled());
            sum.setWaitMillisSum(sum.getWaitMillisSum() + c.getWaitMillisSum());
            sum.setWaitMillisMax(Math.max(sum.getWaitMillisMax(), c.getWaitMillisMax()));
            sum.setPromisesKept(sum.getPromisesKept() + c.getPromisesKept());
            sum.setDaysLateSum(sum.getDaysLateSum() + c.getDaysLateSum());
            sum.setDateChanges(sum.getDateChanges() + c.getDateChanges());
            sum.setPurchaseOrdersIssued(sum.getPurchaseOrdersIssued() + c.getPurchaseOrdersIssued());
            mergeInto(sum.getSupplierDeliveries(), c.getSupplierDeliveries());
            mergeInto(sum.getSupplierOnTime(), c.getSupplierOnTime());
            mergeInto(sum.getDeadLetters(), c.getDeadLetters());
        }
        final Histogram histogram = WaitHistogram.decode(a.getWaitHistogram());
        histogram.add(WaitHistogram.decode(b.getWaitHistogram()));
        sum.setWaitHistogram(WaitHistogram.encode(histogram));
        return sum;
    }

    /** Adds the line and unit counts (a delta's or another bucket's) to {@code counters}. */
    private static void addLineCounts(final KpiCounters counters, final long linesDecided, final long linesBackordered,
                                      final long unitsOrdered, final long unitsAllocatedAtOrder,
                                      final long backordersCancelled, final long backordersFilled) {
        counters.setLinesDecided(counters.getLinesDecided() + linesDecided);
        counters.setLinesBackordered(counters.getLinesBackordered() + linesBackordered);
        counters.setUnitsOrdered(counters.getUnitsOrdered() + unitsOrdered);
        counters.setUnitsAllocatedAtOrder(counters.getUnitsAllocatedAtOrder() + unitsAllocatedAtOrder);
        counters.setBackordersCancelled(counters.getBackordersCancelled() + backordersCancelled);
        counters.setBackordersFilled(counters.getBackordersFilled() + backordersFilled);
    }

    private static void mergeInto(final Map<String, Long> into, final Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}
