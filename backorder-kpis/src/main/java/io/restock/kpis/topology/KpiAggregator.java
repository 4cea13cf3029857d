package io.restock.kpis.topology;

import io.restock.kpis.figures.Tally;
import io.restock.kpis.internal.DateChange;
import io.restock.kpis.internal.KpiCounters;
import io.restock.kpis.internal.KpiDelta;
import io.restock.kpis.internal.KpiGauges;
import io.restock.kpis.internal.OpenBackorderChange;
import io.restock.kpis.internal.OpenBackorders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the KPIs add up (the single partition of {@code backorder-kpis-kpi-deltas-repartition}): each
 * {@link KpiDelta} goes into its minute bucket ({@code kpi-minutes}), its hour bucket ({@code kpi-hours}) and the
 * all-time sums ({@code kpi-totals}), by the time the event happened; the levels (purchase orders in flight, the
 * last date changes) into {@code kpi-gauges}; the open backorders per SKU into {@code open-backorders}.
 */
final class KpiAggregator implements Processor<String, KpiDelta, Void, Void> {

    static final int RECENT_DATE_CHANGES = 20;

    private WindowStore<String, KpiCounters> minutes;
    private WindowStore<String, KpiCounters> hours;
    private KeyValueStore<String, KpiCounters> totals;
    private KeyValueStore<String, KpiGauges> gauges;
    private KeyValueStore<String, OpenBackorders> open;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        minutes = context.getStateStore(KpiTopology.MINUTES);
        hours = context.getStateStore(KpiTopology.HOURS);
        totals = context.getStateStore(KpiTopology.TOTALS);
        gauges = context.getStateStore(KpiTopology.GAUGES);
        open = context.getStateStore(KpiTopology.OPEN_BACKORDERS);
    }

    @Override
    public void process(final Record<String, KpiDelta> record) {
        final KpiDelta d = record.value();
        if (d == null) {
            return;
        }
        if (Tally.counts(d)) {
            final long at = d.getAt().toEpochMilli();
            addToBucket(minutes, "minute", KpiTopology.minuteOf(at), d);
            addToBucket(hours, "hour", KpiTopology.hourOf(at), d);
            final KpiCounters all = totals.get(KpiTopology.AGGREGATE_KEY);
            totals.put(KpiTopology.AGGREGATE_KEY, Tally.add(all == null ? Tally.empty("all") : all, d));
        }
        if (d.getPurchaseOrdersInFlight() != 0 || d.getDateChange() != null) {
            KpiGauges g = gauges.get(KpiTopology.AGGREGATE_KEY);
            if (g == null) {
                g = new KpiGauges("gauges", 0L, new ArrayList<>());
            }
            g.setPurchaseOrdersInFlight(g.getPurchaseOrdersInFlight() + d.getPurchaseOrdersInFlight());
            if (d.getDateChange() != null) {
                final List<DateChange> recent = new ArrayList<>(g.getRecentDateChanges());
                recent.addFirst(d.getDateChange());
                g.setRecentDateChanges(recent.subList(0, Math.min(RECENT_DATE_CHANGES, recent.size())));
            }
            gauges.put(KpiTopology.AGGREGATE_KEY, g);
        }
        final OpenBackorderChange change = d.getOpenBackorders();
        if (change != null) {
            final OpenBackorders current = open.get(change.getSku());
            final long lines = (current == null ? 0 : current.getLines()) + change.getLines();
            final long units = (current == null ? 0 : current.getUnits()) + change.getUnits();
            final BigDecimal value = (current == null ? BigDecimal.ZERO.setScale(4) : current.getValue())
                    .add(change.getValue());
            if (lines <= 0 && units <= 0) {
                open.delete(change.getSku());
            } else {
                open.put(change.getSku(), new OpenBackorders(change.getSku(), lines, units, value));
            }
        }
    }

    private static void addToBucket(final WindowStore<String, KpiCounters> store, final String scope,
                                    final long start, final KpiDelta d) {
        final KpiCounters bucket = store.fetch(KpiTopology.AGGREGATE_KEY, start);
        store.put(KpiTopology.AGGREGATE_KEY, Tally.add(bucket == null ? Tally.empty(scope) : bucket, d), start);
    }
}
