package io.restock.bench;

import io.restock.bench.baseline.Baselines;
import io.restock.bench.latency.EventObserver;
import io.restock.bench.latency.LatencyAnalysis;
import io.restock.bench.polling.Await;
import io.restock.bench.process.ProcessCpu;
import io.restock.bench.report.MarkdownReport;
import io.restock.bench.report.Report;
import io.restock.bench.report.ReportFiles;
import io.restock.bench.restore.RestoreLoad;
import io.restock.demo.DemoMain;
import io.restock.demo.world.Endpoints;
import io.restock.demo.world.OpenLoop;
import io.restock.demo.world.World;
import io.restock.demo.world.WorldSettings;
import io.restock.localkafka.cli.CommandLine;
import io.restock.localkafka.files.Directories;
import io.restock.stack.Service;
import io.restock.stack.Stack;
import io.restock.stack.StackOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bin/restock bench}: the whole-pipeline benchmark (see the module README). Exit 0 with a report written,
 * 1 on failure, 2 on bad options.
 */
public final class BenchMain {

    /** The order ids' length in demo-world ({@code <runId>-d<n>}): the baselines' key size. */
    private static final int KEY_BYTES = 12;
    /** Where a second inventory-stream instance listens: its first instance's port plus this. */
    private static final int SECOND_INSTANCE_PORT_SHIFT = 10_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final BenchOptions options;
    private final Path root;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    BenchMain(final BenchOptions options, final Path root, final PrintStream out) {
        this.options = options;
        this.root = root;
        this.out = out;
    }

    public static void main(final String[] args) {
        final Path root = Path.of(System.getProperty("restock.root", ".")).toAbsolutePath().normalize();
        final BenchOptions options = CommandLine.parseOrExit("restock bench", BenchOptions.USAGE,
                () -> BenchOptions.parse(args, root), BenchOptions::help);
        int status = 0;
        try {
            new BenchMain(options, root, System.out).run();
        } catch (final Exception e) {
            System.err.println("restock bench failed: " + e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    void run() throws Exception {
        final Instant started = Instant.now();
        final double loadBefore = loadAverage();
        final Report report;
        if (options.attach()) {
            final Endpoints endpoints = Endpoints.local(options.bootstrapServers(), options.schemaRegistryUrl(),
                    options.portOffset(), DemoMain.smtpPort(options.portOffset()),
                    DemoMain.webhookPort(options.portOffset()));
            final PidSource pids = this::attachedPids;
            warmUp(endpoints);
            final List<Report.PipelineRun> runs = List.of(pipelineRun(endpoints, 1, pids, Map::of));
            final Map<String, Long> broker = new LinkedHashMap<>(pids.pids());
            broker.keySet().retainAll(List.of(Stack.KAFKA));
            final Baselines.Result baselines = phase("baselines", () -> baselines(runs.getFirst(), broker));
            report = report(started, loadBefore, runs, baselines, null);
        } else {
            Directories.deleteRecursively(options.dataDir());
            try (Stack stack = Stack.start(stackOptions())) {
                final Endpoints endpoints = DemoMain.endpoints(stack, options.portOffset());
                final List<Report.PipelineRun> runs = new ArrayList<>();
                for (final int instances : options.inventoryInstances()) {
                    if (instances == 2) {
                        stack.startInstance(Service.INVENTORY_STREAM, 2, secondInstancePort(stack));
                        awaitHealthy(stack);
                    }
                    warmUp(endpoints);
                    runs.add(pipelineRun(endpoints, instances, stack::pids, stack::peakRssKb));
                }
                final Baselines.Result baselines = runs.isEmpty() ? null : phase("baselines",
                        () -> baselines(runs.getFirst(), Map.of(Stack.KAFKA, stack.pids().get(Stack.KAFKA))));
                final Report.Restore restore = options.restoreSkus() > 0
                        ? phase("restore", () -> restore(stack)) : null;
                report = report(started, loadBefore, runs, baselines, restore);
            }
        }
        final String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        final Path[] files = ReportFiles.write(report, options.outDir(), stamp);
        out.println();
        out.println(MarkdownReport.render(report));
        out.println("Report: " + files[0] + " and " + files[1]);
    }

    @FunctionalInterface
    private interface Phase<T> {
        T run() throws Exception;
    }

    /** Runs a later phase; if it fails, says so and goes on with what was measured before (the report says why). */
    private <T> T phase(final String name, final Phase<T> phase) {
        try {
            return phase.run();
        } catch (final Exception e) {
            out.println("The " + name + " failed: " + e);
            e.printStackTrace(out);
            failures.add(name + ": " + e);
            return null;
        }
    }

    @FunctionalInterface
    private interface PidSource {
        Map<String, Long> pids();
    }

    @FunctionalInterface
    private interface RssSource {
        Map<String, Long> peakRssKb();
    }

    private StackOptions stackOptions() {
        final Path work = options.dataDir().getParent();
        return DemoMain.stackOptions(root, options.portOffset(), worldSettings(), out)
                .withDataDir(options.dataDir())
                .withLogDir(work.resolve("logs"));
    }

    private WorldSettings worldSettings() {
        return WorldSettings.defaults()
                .withDuration(Duration.ofSeconds(options.durationSeconds()))
                .withOrdersPerSecond(options.ordersPerSecond())
                .withSeed(options.seed())
                .withSecondsPerDay(options.secondsPerDay())
                .withSkus(options.skus())
                .withSettle(Duration.ofSeconds(options.settleSeconds()));
    }

    /** One run of the world on an open loop, observed from the topics, with each process's CPU over it. */
    private Report.PipelineRun pipelineRun(final Endpoints endpoints, final int instances, final PidSource pids,
                                           final RssSource rss) throws Exception {
        final String name = instances + " inventory-stream instance" + (instances == 1 ? "" : "s");
        out.printf("%n=== Pipeline run: %s, %.0f orders/s for %d s%s ===%n", name, options.ordersPerSecond(),
                options.durationSeconds(), options.maxOrders() > 0 ? " or " + options.maxOrders() + " orders" : "");
        final OpenLoop loop = new OpenLoop(options.ordersPerSecond(), Duration.ofSeconds(options.durationSeconds()),
                options.maxOrders());
        final AtomicReference<String> runId = new AtomicReference<>();
        final AtomicReference<Map<String, Double>> cpuBefore = new AtomicReference<>(Map.of());
        final AtomicReference<Instant> playing = new AtomicReference<>();
        final AtomicReference<Instant> stopped = new AtomicReference<>();
        final World.Phases phases = new World.Phases() {
            @Override
            public void playing(final String id, final Instant at) {
                runId.set(id);
                playing.set(at);
                cpuBefore.set(ProcessCpu.snapshot(pids.pids()));
            }

            @Override
            public void orderingStopped(final Instant at, final long orders) {
                stopped.set(at);
            }
        };
        final World.Outcome outcome;
        final Map<String, Double> cpu;
        final EventObserver observer = new EventObserver(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl());
        final String prefix;
        try (observer) {
            observer.start();
            outcome = new World(endpoints, worldSettings(), out, false, loop, phases).run();
            prefix = outcome.runId() + "-";
            drain(observer, prefix);
            cpu = ProcessCpu.delta(cpuBefore.get(), ProcessCpu.snapshot(pids.pids()));
        }
        if (observer.failure() != null) {
            throw new IllegalStateException("the benchmark stopped reading Restock's topics", observer.failure());
        }
        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(observer.observations(),
                id -> id.startsWith(prefix));
        final Map<String, Long> peaks = rss.peakRssKb();
        final Map<String, Report.ProcessFigures> processes = new LinkedHashMap<>();
        cpu.forEach((process, seconds) -> processes.put(process,
                new Report.ProcessFigures(seconds, peaks.getOrDefault(process, 0L))));
        final double totalCpu = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        final double orderingSeconds = stopped.get() == null || playing.get() == null ? Double.NaN
                : Duration.between(playing.get(), stopped.get()).toMillis() / 1000.0;
        out.printf("run %s: %d orders, %d of %d lines decided, %d HTTP failures%n", outcome.runId(), result.orders(),
                result.linesDecided(), result.lines(), outcome.httpFailures());
        return new Report.PipelineRun(name, instances, options.ordersPerSecond(), orderingSeconds,
                loop.maxLagNanos() / 1_000_000, outcome.httpFailures(), result, processes,
                result.linesDecided() == 0 ? Double.NaN : totalCpu * 1e6 / result.linesDecided(), null);
    }

    /**
     * An unmeasured pass of the same world at the same rate for {@code --warmup} seconds, so that the measured run
     * sees JVMs past their JIT warm-up (the services run C1 only, as {@code bin/restock up} starts them).
     */
    private void warmUp(final Endpoints endpoints) throws Exception {
        if (options.warmupSeconds() == 0) {
            return;
        }
        out.printf("%n=== Warm-up: %.0f orders/s for %d s (not measured) ===%n", options.ordersPerSecond(),
                options.warmupSeconds());
        new World(endpoints, worldSettings().withSettle(Duration.ofSeconds(5)), out, false,
                new OpenLoop(options.ordersPerSecond(), Duration.ofSeconds(options.warmupSeconds()), 0),
                new World.Phases() {
                }).run();
    }

    /**
     * After the world's settle time, waits (at most {@code --drain} seconds) until every line ordered has its decision,
     * so that a pipeline running behind shows its latency instead of losing its slowest lines.
     */
    private void drain(final EventObserver observer, final String prefix) {
        final long undecided = observer.observations().undecidedLines(id -> id.startsWith(prefix));
        if (undecided == 0) {
            return;
        }
        out.printf("waiting up to %d s for the decisions of %d lines ...%n", options.drainSeconds(), undecided);
        try {
            Await.until(() -> observer.observations().undecidedLines(id -> id.startsWith(prefix)) == 0
                    || observer.failure() != null, Duration.ofMillis(500), Duration.ofSeconds(options.drainSeconds()),
                    "every line's decision");
        } catch (final IllegalStateException e) {
            out.println("  " + e.getMessage() + ": the report counts them as undecided");
        }
    }

    private Baselines.Result baselines(final Report.PipelineRun first, final Map<String, Long> brokerPids)
            throws Exception {
        if (options.baselineRecords() == 0) {
            return null;
        }
        out.printf("%n=== Baselines on the same broker ===%n");
        final int valueBytes = Double.isNaN(first.result().meanOrderBytes()) ? 300
                : (int) Math.round(first.result().meanOrderBytes());
        final Path stateDir = Files.createTempDirectory("restock-bench-pass-through");
        try {
            return new Baselines(options.bootstrapServers(), stateDir, brokerPids, out).run(options.baselineRecords(),
                    KEY_BYTES, valueBytes, options.ordersPerSecond(), Duration.ofSeconds(options.baselineSeconds()));
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    /**
     * Loads the SKUs, stops every inventory-stream instance, deletes their state directories, starts the first again
     * and times it until healthy (its Kafka Streams RUNNING: every store restored from its changelog).
     */
    private Report.Restore restore(final Stack stack) throws IOException {
        out.printf("%n=== Restore: %,d SKUs ===%n", options.restoreSkus());
        final RestoreLoad load = new RestoreLoad(stack.endpoints().bootstrapServers(),
                stack.endpoints().schemaRegistryUrl(), out);
        final long loadStart = System.nanoTime();
        load.load(options.restoreSkus());
        final double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        for (int instance = 2; instance >= 1; instance--) {
            final String name = Stack.instanceName(Service.INVENTORY_STREAM, instance);
            if (stack.pids().containsKey(name)) {
                stack.stopProcess(name);
                Directories.deleteRecursively(stack.stateDir(Service.INVENTORY_STREAM, instance));
            }
        }
        final long changelogRecords = load.changelogRecords();
        out.printf("  inventory-stream stopped, state deleted; %,d changelog records; starting it again ...%n",
                changelogRecords);
        final long start = System.nanoTime();
        stack.startInstance(Service.INVENTORY_STREAM, 1,
                stack.endpoints().service(Service.INVENTORY_STREAM).getPort());
        final double restoreSeconds = (System.nanoTime() - start) / 1e9;
        return new Report.Restore(options.restoreSkus(), loadSeconds, changelogRecords, restoreSeconds);
    }

    private Report report(final Instant started, final double loadBefore, final List<Report.PipelineRun> runs,
                          final Baselines.Result baselines, final Report.Restore restore) {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("ordersPerSecond", options.ordersPerSecond());
        settings.put("durationSeconds", options.durationSeconds());
        settings.put("maxOrders", options.maxOrders());
        settings.put("skus", options.skus());
        settings.put("seed", options.seed());
        settings.put("secondsPerDay", options.secondsPerDay());
        settings.put("settleSeconds", options.settleSeconds());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("inventoryInstances", options.inventoryInstances());
        settings.put("restoreSkus", options.restoreSkus());
        settings.put("baselineRecords", options.baselineRecords());
        settings.put("attach", options.attach());
        settings.put("bootstrapServers", options.bootstrapServers());
        return new Report(started.toString(), settings, new Report.Machine(Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAverage(), options.note()),
                runs.stream().map(run -> run.withRatios(baselines)).toList(), baselines, restore, failures);
    }

    private static int secondInstancePort(final Stack stack) {
        return stack.endpoints().service(Service.INVENTORY_STREAM).getPort() + SECOND_INSTANCE_PORT_SHIFT;
    }

    /** Waits until every inventory-stream instance answers /health UP (the group has settled after a join). */
    private static void awaitHealthy(final Stack stack) {
        final List<URI> urls = List.of(stack.endpoints().service(Service.INVENTORY_STREAM),
                URI.create("http://127.0.0.1:" + secondInstancePort(stack)));
        Await.until(() -> urls.stream().allMatch(BenchMain::up), Duration.ofMillis(250), Duration.ofMinutes(3),
                "both inventory-stream instances to be healthy");
    }

    private static boolean up(final URI base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Long> attachedPids() {
        if (options.stackPids() == null) {
            return Map.of();
        }
        try {
            final Map<String, Long> pids = new LinkedHashMap<>();
            for (final String line : Files.readAllLines(options.stackPids())) {
                final String[] parts = line.trim().split("\\s+");
                if (parts.length >= 2 && parts[1].matches("\\d+") && !"launcher".equals(parts[0])) {
                    pids.put(parts[0], Long.parseLong(parts[1]));
                }
            }
            return pids;
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read " + options.stackPids(), e);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
