package io.restock.demo.world;

import io.restock.demo.observe.Journal;
import io.restock.demo.report.Kpis;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Prints a demo run's final summary: counts, KPIs, three customer journeys, dead letters, peak memory. */
public final class Summary {

    /** Goal for each service's peak resident memory. */
    public static final long RSS_GOAL_KB = 512L * 1024;

    private Summary() {
    }

    public static void print(final PrintStream out, final World.Outcome o, final double secondsPerDay,
                             final Map<String, Long> peakRssKb) {
        final var c = o.counts();
        final Kpis k = o.kpis();
        out.println();
        out.printf("=== Restock demo %s: %s wall clock, %.1f simulated days ===%n", o.runId(), human(o.elapsed()),
                o.elapsed().toMillis() / 1000.0 / secondsPerDay);
        out.printf("orders %d (HTTP %d incl. %d idempotent replays answered, Kafka topic %d, refused %d)%n",
                c.orders(), o.shops().placedHttp(), o.shops().replays(), o.shops().placedKafka(), o.shops().refused());
        out.printf("lines: allocated %d, backordered %d, rejected %d %s%n", c.linesAllocated(), c.linesBackordered(),
                c.linesRejected(), o.rejections());
        out.printf("backorders: filled %d, cancelled %d (customers asked %d), still open %d%n", c.backordersFilled(),
                c.backordersCancelled(), c.cancellationsRequested(), c.backordersOpen());
        out.printf("purchase orders: issued %d, acknowledged %d, rejected %d; supplier date changes %d, shipments %d%n",
                c.purchaseOrdersIssued(), c.purchaseOrdersAcknowledged(), c.purchaseOrdersRejected(),
                c.supplierDateChanges(), c.supplierShipments());
        out.printf("webhook supplier: %d deliveries verified, %d signature failures, %d repeated deliveries%n",
                o.webhook().verified(), o.webhook().signatureFailures(), o.webhook().duplicates());
        out.printf("warehouse: %d receipts (%d units), %d shipment lines confirmed; customer dates moved %d%n",
                c.receipts(), c.unitsReceived(), c.shipped(), c.datesMoved());
        out.printf("notifications sent %d %s, suppressed %d; emails caught by the demo's SMTP server %d%n",
                c.notificationsSent(), o.notifications(), c.notificationsSuppressed(), o.mails().size());
        out.printf("answers the services refused: shops %d, suppliers %d, warehouse %d (HTTP non-2xx after retries %d)%n",
                o.shops().refused(), o.suppliers().answersRefused(), o.warehouse().refused(), o.httpFailures());
        out.println();
        out.println("KPIs (DOMAIN.md rule 11; waiting in simulated days)");
        out.printf("  backorder rate     %s of %d order lines%n", pct(k.backorderRate()), k.linesDecided());
        out.printf("  fill rate          %s of units allocated at order time%n", pct(k.fillRate()));
        out.printf("  cancellation rate  %s of backordered lines%n", pct(k.cancellationRate()));
        out.printf("  waiting time       average %.1f d, p90 %.1f d (%d lines filled)%n", k.waitingAverage(),
                k.waitingP90(), k.filledLines());
        out.printf("  promise accuracy   %s by the first promise, %s by the last; mean |deviation| %.1f d%n",
                pct(k.onTimeFirstPromise()), pct(k.onTimeLastPromise()), k.meanDeviationDays());
        out.printf("  open backorders    %d lines, %d units, EUR %s%n", k.openBackorders(), k.openUnits(),
                k.openValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        for (final Kpis.OpenSku sku : k.topOpen()) {
            out.printf("    %-10s %3d lines %4d units  EUR %s%n", sku.sku(), sku.lines(), sku.units(),
                    sku.value().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        }
        k.supplierOnTime().forEach((supplier, t) -> out.printf("  supplier on time   %-12s %s (%d of %d receipts)%n",
                supplier, pct(t.rate()), t.onTime(), t.received()));
        out.println();
        int n = 1;
        for (final List<Journal> journey : o.journeys()) {
            out.printf("Journey %d%n", n++);
            final var first = journey.getFirst().at();
            for (final Journal step : journey) {
                out.printf("  day +%4.1f  %s%n", Duration.between(first, step.at()).toMillis() / 1000.0 / secondsPerDay,
                        step.text());
            }
        }
        out.println();
        if (o.deadLetters().isEmpty()) {
            out.println("dead letters: none");
        } else {
            out.println("dead letters: " + o.deadLetters());
        }
        if (!peakRssKb.isEmpty()) {
            out.println("peak RSS per process (goal <= 512 MB for each service):");
            peakRssKb.forEach((name, kb) -> out.printf("  %-20s %6.0f MB%s%n", name, kb / 1024.0,
                    kb > RSS_GOAL_KB ? "  over the goal" : ""));
        }
    }

    private static String pct(final double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format("%.1f%%", ratio * 100);
    }

    private static String human(final Duration d) {
        return "%dm%02ds".formatted(d.toMinutes(), d.toSecondsPart());
    }
}
