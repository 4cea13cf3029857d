package io.restock.demo.observe;

import io.restock.demo.catalog.Catalog;
import io.restock.demo.report.Kpis;
import io.restock.demo.sim.SimClock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes the {@link Kpis} from what the {@link EventLedger} recorded. */
public final class KpiCalculator {

    private KpiCalculator() {
    }

    public static Kpis compute(final EventLedger ledger, final Catalog catalog, final SimClock clock) {
        long decided = 0;
        long backordered = 0;
        long cancelled = 0;
        long orderedUnits = 0;
        long allocatedUnits = 0;
        final List<Double> waits = new ArrayList<>();
        long onFirst = 0;
        long onLast = 0;
        double deviation = 0;
        long openLines = 0;
        long openUnits = 0;
        BigDecimal openValue = BigDecimal.ZERO;
        final Map<String, Kpis.OpenSku> open = new HashMap<>();
        for (final LineRecord line : ledger.lines()) {
            if (line.allocatedAtOrder + line.backordered + line.rejected == 0) {
                continue;
            }
            decided++;
            orderedUnits += line.ordered;
            allocatedUnits += line.allocatedAtOrder;
            if (!line.wasBackordered()) {
                continue;
            }
            backordered++;
            if (line.cancelled > 0) {
                cancelled++;
            }
            if (line.filledAt != null && line.openedAt != null) {
                waits.add(clock.dayAt(line.filledAt) - clock.dayAt(line.openedAt));
                final Catalog.Sku sku = catalog.sku(line.sku);
                // The day the customer gets it: the day the line became whole, plus the SKU's handling days.
                final double actual = Math.floor(clock.dayAt(line.filledAt)) + (sku == null ? 0 : sku.handlingDays());
                if (!Double.isNaN(line.firstDueDay)) {
                    onFirst += actual > line.firstDueDay ? 0 : 1;
                    deviation += Math.abs(actual - line.firstDueDay);
                }
                if (!Double.isNaN(line.lastDueDay)) {
                    onLast += actual > line.lastDueDay ? 0 : 1;
                }
            }
            final int waiting = line.openBackordered();
            if (waiting > 0) {
                openLines++;
                openUnits += waiting;
                final BigDecimal value = line.unitPrice == null ? BigDecimal.ZERO
                        : line.unitPrice.multiply(BigDecimal.valueOf(waiting));
                openValue = openValue.add(value);
                open.merge(line.sku, new Kpis.OpenSku(line.sku, 1, waiting, value), (a, b) -> new Kpis.OpenSku(
                        a.sku(), a.lines() + b.lines(), a.units() + b.units(), a.value().add(b.value())));
            }
        }
        waits.sort(Comparator.naturalOrder());
        final double average = waits.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        final double p90 = waits.isEmpty() ? Double.NaN : waits.get((int) Math.ceil(0.9 * waits.size()) - 1);
        final int filled = waits.size();
        final Map<String, Kpis.OnTime> suppliers = new TreeMap<>();
        for (final EventLedger.PoLine po : ledger.poLines()) {
            if (po.receivedAt == null || Double.isNaN(po.dueDay)) {
                continue;
            }
            final boolean onTime = Math.floor(clock.dayAt(po.receivedAt)) <= po.dueDay;
            suppliers.merge(po.supplierId, new Kpis.OnTime(onTime ? 1 : 0, 1),
                    (a, b) -> new Kpis.OnTime(a.onTime() + b.onTime(), a.received() + b.received()));
        }
        final List<Kpis.OpenSku> top = open.values().stream()
                .sorted(Comparator.comparing(Kpis.OpenSku::value).reversed()).limit(5).toList();
        return new Kpis(decided, ratio(backordered, decided), ratio(allocatedUnits, orderedUnits),
                ratio(cancelled, backordered), average, p90, filled, ratio(onFirst, filled), ratio(onLast, filled),
                filled == 0 ? Double.NaN : deviation / filled, openLines, openUnits, openValue, top, suppliers);
    }

    private static double ratio(final long part, final long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
