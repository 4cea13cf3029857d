package io.restock.kpis.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.restock.kpis.internal.KpiCounters;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * The KPIs of one window ({@code 1h}, {@code 1d} or {@code all}) computed from the window's summed counters. A
 * ratio or time with nothing to divide by is null (shown as "no data"; NaN on /prometheus).
 *
 * @param backorderRate        lines backordered at order time / lines decided at order time
 * @param fillRate             units allocated at order time / units ordered
 * @param cancellationRate     backordered lines the customer cancelled / lines backordered at order time
 * @param waitMeanSeconds      mean wait of filled backorders (opened to last unit allocated), exact
 * @param waitP50Seconds       median wait (HdrHistogram, 3 significant digits)
 * @param waitP90Seconds       90th percentile wait (HdrHistogram)
 * @param waitMaxSeconds       longest wait, exact
 * @param promiseKeptRatio     filled backorders filled on or before the date first promised / filled backorders
 * @param promiseMeanDaysLate  days past the first promised date, summed over filled backorders (0 when kept) /
 *                             filled backorders
 * @param supplierOnTime       per supplier: purchase-order lines first received on or before the supplier's
 *                             promised date / lines first received with a promised date
 * @param deadLetters          records per dead-letter topic
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WindowFigures(String window, long linesDecided, long linesBackordered, long unitsOrdered,
                            long unitsAllocatedAtOrder, long backordersCancelled, long backordersFilled,
                            Double backorderRate, Double fillRate, Double cancellationRate, Double waitMeanSeconds,
                            Double waitP50Seconds, Double waitP90Seconds, Double waitMaxSeconds,
                            Double promiseKeptRatio, Double promiseMeanDaysLate,
                            Map<String, SupplierOnTime> supplierOnTime, Map<String, Long> deadLetters,
                            long purchaseOrdersIssued, long dateChanges) {

    /** A supplier's deliveries against its promised dates. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SupplierOnTime(long deliveries, long onTime, Double onTimeRatio) {
    }

    public static WindowFigures of(final String window, final KpiCounters c) {
        final long filled = c.getBackordersFilled();
        final Histogram waits = WaitHistogram.decode(c.getWaitHistogram());
        final boolean anyWait = waits.getTotalCount() > 0;
        final Map<String, SupplierOnTime> suppliers = new TreeMap<>();
        c.getSupplierDeliveries().forEach((supplier, deliveries) -> {
            final long onTime = c.getSupplierOnTime().getOrDefault(supplier, 0L);
            suppliers.put(supplier, new SupplierOnTime(deliveries, onTime, ratio(onTime, deliveries)));
        });
        return new WindowFigures(window, c.getLinesDecided(), c.getLinesBackordered(), c.getUnitsOrdered(),
                c.getUnitsAllocatedAtOrder(), c.getBackordersCancelled(), filled,
                ratio(c.getLinesBackordered(), c.getLinesDecided()),
                ratio(c.getUnitsAllocatedAtOrder(), c.getUnitsOrdered()),
                ratio(c.getBackordersCancelled(), c.getLinesBackordered()),
                filled == 0 ? null : c.getWaitMillisSum() / 1000.0 / filled,
                anyWait ? waits.getValueAtPercentile(50) / 1000.0 : null,
                anyWait ? waits.getValueAtPercentile(90) / 1000.0 : null,
                filled == 0 ? null : c.getWaitMillisMax() / 1000.0,
                ratio(c.getPromisesKept(), filled),
                filled == 0 ? null : (double) c.getDaysLateSum() / filled,
                suppliers, new TreeMap<>(c.getDeadLetters()), c.getPurchaseOrdersIssued(), c.getDateChanges());
    }

    private static Double ratio(final long part, final long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
