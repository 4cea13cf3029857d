package io.restock.bench.report;

import io.restock.bench.baseline.Baselines;
import io.restock.bench.latency.LatencySummary;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Renders a {@link Report} as the Markdown tables the README quotes. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(final Report report) {
        final StringBuilder md = new StringBuilder();
        final Report.Machine machine = report.machine();
        md.append("# Restock pipeline benchmark, ").append(report.startedAt()).append("\n\n");
        md.append(format("%d cores; 1-minute load average %.2f before, %.2f after", machine.cores(),
                machine.loadBefore(), machine.loadAfter()));
        if (machine.sharedNote() != null && !machine.sharedNote().isBlank()) {
            md.append("; ").append(machine.sharedNote());
        }
        md.append(".\n\n## Pipeline (latency from the order's record timestamp to visible read_committed)\n\n");
        md.append("| run | offered orders/s | orders/s | lines/s | lines decided / ordered | backordered | rejected "
                + "| decision p50 / p99 / p99.9 ms | purchase order p50 / p99 / p99.9 ms (lines) "
                + "| notification p50 / p99 / p99.9 ms (lines) | purchase orders issued | HTTP failures "
                + "| CPU µs per line |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (final Report.PipelineRun run : report.runs()) {
            final var r = run.result();
            md.append(format("| %s | %.0f | %.1f | %.1f | %d / %d | %d | %d | %s | %s (%d) | %s (%d) | %d | %d "
                            + "| %.0f |%n",
                    run.name(), run.offeredOrdersPerSecond(), r.ordersPerSecond(), r.linesPerSecond(),
                    r.linesDecided(), r.lines(), r.backordered(), r.rejected(), latency(r.decision()),
                    latency(r.purchaseOrder()), r.withPurchaseOrder(), latency(r.notification()), r.notified(),
                    r.purchaseOrdersIssued(), run.httpFailures(), run.cpuMicrosPerLine()));
        }
        final Baselines.Result baselines = report.baselines();
        if (baselines != null) {
            md.append(format("%n## Baselines (same broker, %d-byte keys, %d-byte values; latency at %.0f "
                            + "records/s)%n%n",
                    baselines.keyBytes(), baselines.valueBytes(), baselines.latencyRatePerSecond()));
            md.append("| baseline | records | records/s | CPU µs per record | latency p50 / p99 / p99.9 ms |\n");
            md.append("| --- | --- | --- | --- | --- |\n");
            baseline(md, "raw producer (acks=all, idempotent)", baselines.rawProducer());
            baseline(md, "exactly-once pass-through (exactly_once_v2)", baselines.passThrough());
            md.append("\n## Ratios (pipeline ÷ baseline)\n\n");
            md.append("| run | lines/s ÷ raw records/s | lines/s ÷ pass-through records/s | CPU per line ÷ raw "
                    + "| CPU per line ÷ pass-through | decision p50 ÷ pass-through p50 "
                    + "| decision p99 ÷ pass-through p99 |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (final Report.PipelineRun run : report.runs()) {
                final Report.Ratios x = run.ratios();
                if (x != null) {
                    md.append(format("| %s | %s | %s | %s | %s | %s | %s |%n", run.name(),
                            ratio(x.linesPerSecondToRaw()), ratio(x.linesPerSecondToPassThrough()),
                            ratio(x.cpuPerLineToRaw()), ratio(x.cpuPerLineToPassThrough()),
                            ratio(x.decisionP50ToPassThrough()), ratio(x.decisionP99ToPassThrough())));
                }
            }
        }
        if (!report.runs().isEmpty()) {
            md.append("\n## Processes (CPU seconds during the run / peak RSS MiB)\n\n| process |");
            final Set<String> names = new LinkedHashSet<>();
            report.runs().forEach(run -> {
                md.append(' ').append(run.name()).append(" |");
                names.addAll(run.processes().keySet());
            });
            md.append("\n| --- |").append(" --- |".repeat(report.runs().size())).append('\n');
            for (final String name : names) {
                md.append("| ").append(name).append(" |");
                for (final Report.PipelineRun run : report.runs()) {
                    final Report.ProcessFigures p = run.processes().get(name);
                    md.append(p == null ? " – |" : format(" %.1f / %d |", p.cpuSeconds(), p.peakRssKb() / 1024));
                }
                md.append('\n');
            }
        }
        final Report.Restore restore = report.restore();
        if (restore != null) {
            md.append("\n## Restore of inventory-stream's stores\n\n");
            md.append("| SKUs | loaded and read in s | changelog records | restore until healthy s |\n");
            md.append("| --- | --- | --- | --- |\n");
            md.append(format("| %,d | %.1f | %,d | %.1f |%n", restore.skus(), restore.loadSeconds(),
                    restore.changelogRecords(), restore.restoreSeconds()));
        }
        if (!report.failures().isEmpty()) {
            md.append("\n## Failed phases\n\n");
            report.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static void baseline(final StringBuilder md, final String name, final Baselines.Figures figures) {
        md.append(format("| %s | %,d | %.0f | %.1f | %s |%n", name, figures.records(), figures.recordsPerSecond(),
                figures.cpuMicrosPerRecord(), latency(figures.latency())));
    }

    static String latency(final LatencySummary summary) {
        if (summary.count() == 0) {
            return "–";
        }
        return format("%.0f / %.0f / %.0f", summary.p50(), summary.p99(), summary.p999());
    }

    static String ratio(final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return value >= 10 ? format("%.0f×", value) : value >= 0.1 ? format("%.2f×", value) : format("%.4f×", value);
    }

    private static String format(final String pattern, final Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
