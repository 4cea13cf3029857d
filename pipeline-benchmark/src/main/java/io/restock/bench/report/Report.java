package io.restock.bench.report;

import io.restock.bench.baseline.Baselines;
import io.restock.bench.latency.LatencyAnalysis;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code bin/restock bench} measured, as written to {@code bench-<timestamp>.json} and rendered by
 * {@link MarkdownReport}.
 *
 * @param startedAt  ISO-8601 start of the benchmark
 * @param settings   the options it ran with
 * @param machine    what it ran on and how busy that was
 * @param runs       one pipeline run per inventory-stream instance count
 * @param baselines  raw producer and exactly-once pass-through, same broker, same record size; null if skipped
 * @param restore    restore of inventory-stream's stores from their changelogs; null if skipped
 * @param failures   phases that failed (their figures are missing), with the error
 */
public record Report(String startedAt, Map<String, Object> settings, Machine machine, List<PipelineRun> runs,
                     Baselines.Result baselines, Restore restore, List<String> failures) {

    public Report {
        settings = Map.copyOf(settings);
        runs = List.copyOf(runs);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /**
     * @param cores           processors the JVM sees
     * @param loadBefore      1-minute load average at the start
     * @param loadAfter       1-minute load average at the end
     * @param sharedNote      who else used the machine, as the operator said ({@code --note})
     */
    public record Machine(int cores, double loadBefore, double loadAfter, String sharedNote) {
    }

    /** CPU used by one process during a run (seconds) and its peak RSS so far (KiB; 0 when unknown). */
    public record ProcessFigures(double cpuSeconds, long peakRssKb) {
    }

    /**
     * One pipeline run.
     *
     * @param inventoryInstances     inventory-stream instances (same application id)
     * @param offeredOrdersPerSecond the open loop's rate
     * @param orderingSeconds        how long the shops ordered
     * @param driverMaxLagMillis     the latest the open loop started an order after it was due (should be ~0)
     * @param httpFailures           the world's requests answered other than 2xx after its retries (all APIs)
     * @param processes              per process of the stack (kafka, schema-registry, services, instances)
     * @param cpuMicrosPerLine       CPU of all the stack's processes during the run per line decided
     * @param ratios                 this run against the baselines; null without baselines
     */
    public record PipelineRun(String name, int inventoryInstances, double offeredOrdersPerSecond,
                              double orderingSeconds, long driverMaxLagMillis, long httpFailures,
                              LatencyAnalysis.Result result,
                              Map<String, ProcessFigures> processes, double cpuMicrosPerLine, Ratios ratios) {
        public PipelineRun {
            processes = Map.copyOf(processes);
        }

        public PipelineRun withRatios(final Baselines.Result baselines) {
            return new PipelineRun(name, inventoryInstances, offeredOrdersPerSecond, orderingSeconds,
                    driverMaxLagMillis, httpFailures, result, processes, cpuMicrosPerLine, Ratios.of(this, baselines));
        }
    }

    /**
     * A pipeline run over the baselines: lines/s and CPU per line against records/s and CPU per record, and the
     * decision latency against the pass-through's (one exactly-once hop) at the same rate.
     */
    public record Ratios(double linesPerSecondToRaw, double linesPerSecondToPassThrough, double cpuPerLineToRaw,
                         double cpuPerLineToPassThrough, double decisionP50ToPassThrough,
                         double decisionP99ToPassThrough) {

        public static Ratios of(final PipelineRun run, final Baselines.Result baselines) {
            if (baselines == null) {
                return null;
            }
            final Baselines.Figures raw = baselines.rawProducer();
            final Baselines.Figures pass = baselines.passThrough();
            return new Ratios(run.result().linesPerSecond() / raw.recordsPerSecond(),
                    run.result().linesPerSecond() / pass.recordsPerSecond(),
                    run.cpuMicrosPerLine() / raw.cpuMicrosPerRecord(),
                    run.cpuMicrosPerLine() / pass.cpuMicrosPerRecord(),
                    run.result().decision().p50() / pass.latency().p50(),
                    run.result().decision().p99() / pass.latency().p99());
        }
    }

    /**
     * The restore measurement.
     *
     * @param skus              SKUs loaded (a policy and a receipt each)
     * @param loadSeconds       from the first record written until inventory-stream had read them all
     * @param changelogRecords  records in inventory-stream's changelog topics (what a restore reads, at most)
     * @param restoreSeconds    from starting inventory-stream on an empty state directory until it was healthy
     *                          (its Kafka Streams RUNNING)
     */
    public record Restore(long skus, double loadSeconds, long changelogRecords, double restoreSeconds) {
    }
}
