package io.restock.kpis.topology;

import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.figures.Tally;
import io.restock.kpis.figures.WindowFigures;
import io.restock.kpis.internal.KpiCounters;
import io.restock.kpis.internal.KpiGauges;
import io.restock.kpis.internal.OpenBackorders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the aggregator's stores into {@link KpiReport}s. A window is the sum of its buckets as of {@code now}:
 * {@code 1h} = the minute bucket {@code now} falls in and the 59 before it (between 59 and 60 minutes of events);
 * {@code 1d} = the hour bucket and the 23 before it (between 23 and 24 hours); {@code all} = the all-time sums.
 */
public final class KpiReads {

    public static final List<String> WINDOWS = List.of("1h", "1d", "all");

    private final ReadOnlyWindowStore<String, KpiCounters> minutes;
    private final ReadOnlyWindowStore<String, KpiCounters> hours;
    private final ReadOnlyKeyValueStore<String, KpiCounters> totals;
    private final ReadOnlyKeyValueStore<String, KpiGauges> gauges;
    private final ReadOnlyKeyValueStore<String, OpenBackorders> open;

    public KpiReads(final ReadOnlyWindowStore<String, KpiCounters> minutes,
                    final ReadOnlyWindowStore<String, KpiCounters> hours,
                    final ReadOnlyKeyValueStore<String, KpiCounters> totals,
                    final ReadOnlyKeyValueStore<String, KpiGauges> gauges,
                    final ReadOnlyKeyValueStore<String, OpenBackorders> open) {
        this.minutes = minutes;
        this.hours = hours;
        this.totals = totals;
        this.gauges = gauges;
        this.open = open;
    }

    public KpiReport report(final Instant now) {
        final Map<String, WindowFigures> windows = new LinkedHashMap<>();
        windows.put("1h", WindowFigures.of("1h", sum(minutes, "1h", KpiTopology.minuteOf(now.toEpochMilli())
                - 59 * KpiTopology.MINUTE.toMillis(), KpiTopology.minuteOf(now.toEpochMilli()))));
        windows.put("1d", WindowFigures.of("1d", sum(hours, "1d", KpiTopology.hourOf(now.toEpochMilli())
                - 23 * KpiTopology.HOUR.toMillis(), KpiTopology.hourOf(now.toEpochMilli()))));
        final KpiCounters all = totals.get(KpiTopology.AGGREGATE_KEY);
        windows.put("all", WindowFigures.of("all", all == null ? Tally.empty("all") : all));
        final KpiGauges g = gauges.get(KpiTopology.AGGREGATE_KEY);
        long skus = 0;
        long lines = 0;
        long units = 0;
        BigDecimal value = BigDecimal.ZERO.setScale(4);
        try (KeyValueIterator<String, OpenBackorders> it = open.all()) {
            while (it.hasNext()) {
                final OpenBackorders o = it.next().value;
                skus++;
                lines += o.getLines();
                units += o.getUnits();
                value = value.add(o.getValue());
            }
        }
        final List<KpiReport.RecentDateChange> recent = g == null ? List.of() : g.getRecentDateChanges().stream()
                .map(c -> new KpiReport.RecentDateChange(c.getOrderId(), c.getLineId(), c.getSku(),
                        c.getPreviousDate(), c.getNewDate(), c.getReason(), c.getAt()))
                .toList();
        return new KpiReport(now, windows, new KpiReport.OpenTotals(skus, lines, units, value),
                g == null ? 0 : g.getPurchaseOrdersInFlight(), recent);
    }

    /** The SKUs with the most open backorder value, at most {@code top}, highest first (ties by SKU). */
    public List<KpiReport.OpenSku> openBackorders(final int top) {
        final List<KpiReport.OpenSku> all = new ArrayList<>();
        try (KeyValueIterator<String, OpenBackorders> it = open.all()) {
            it.forEachRemaining(kv -> all.add(new KpiReport.OpenSku(kv.key, kv.value.getLines(), kv.value.getUnits(),
                    kv.value.getValue())));
        }
        return all.stream().sorted(Comparator.comparing(KpiReport.OpenSku::value).reversed()
                .thenComparing(KpiReport.OpenSku::sku)).limit(Math.max(0, top)).toList();
    }

    /** Each minute of the last hour that has events, oldest first. */
    public List<KpiReport.MinutePoint> lastHour(final Instant now) {
        final long to = KpiTopology.minuteOf(now.toEpochMilli());
        final List<KpiReport.MinutePoint> points = new ArrayList<>();
        try (WindowStoreIterator<KpiCounters> it = minutes.fetch(KpiTopology.AGGREGATE_KEY,
                Instant.ofEpochMilli(to - 59 * KpiTopology.MINUTE.toMillis()), Instant.ofEpochMilli(to))) {
            while (it.hasNext()) {
                final KeyValue<Long, KpiCounters> bucket = it.next();
                final WindowFigures f = WindowFigures.of("1m", bucket.value);
                points.add(new KpiReport.MinutePoint(bucket.key, f.linesDecided(), f.backorderRate(), f.fillRate(),
                        f.backordersFilled(), f.waitMeanSeconds(),
                        f.deadLetters().values().stream().mapToLong(Long::longValue).sum(),
                        f.purchaseOrdersIssued(), f.dateChanges()));
            }
        }
        return points;
    }

    private static KpiCounters sum(final ReadOnlyWindowStore<String, KpiCounters> store, final String scope,
                                   final long from, final long to) {
        KpiCounters sum = Tally.empty(scope);
        try (WindowStoreIterator<KpiCounters> it = store.fetch(KpiTopology.AGGREGATE_KEY, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to))) {
            while (it.hasNext()) {
                sum = Tally.merge(scope, sum, it.next().value);
            }
        }
        return sum;
    }
}
