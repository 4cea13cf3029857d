package io.restock.bench;

import io.restock.localkafka.cli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bin/restock bench}.
 *
 * @param attach             drive a Restock already running instead of starting one (no second instance, no
 *                           restore; CPU and RSS only with {@code stackPids})
 */
public record BenchOptions(double ordersPerSecond, long durationSeconds, long maxOrders, int skus, long seed,
                           double secondsPerDay, long settleSeconds, long drainSeconds, long warmupSeconds,
                           List<Integer> inventoryInstances,
                           long restoreSkus, long baselineRecords, long baselineSeconds, int portOffset,
                           Path dataDir, Path outDir, String note, boolean attach, String bootstrapServers,
                           String schemaRegistryUrl, Path stackPids, boolean help) {

    public static final String USAGE = """
            usage: bin/restock bench [options]
            Starts Restock (as `bin/restock up` does, port offset 300, data in .restock/bench) and drives it with
            demo-world's simulated world on an open loop, then measures a raw producer and an exactly-once
            pass-through on the same broker, runs again with two inventory-stream instances, and times the restore
            of inventory-stream's stores. Writes pipeline-benchmark/target/bench-<time>.json and .md.

              --rate R                 orders per second, open loop (default 50)
              --duration S             seconds of ordering per run (default 60)
              --orders N               stop a run after N orders if earlier (default: no limit)
              --skus N                 catalogue size, Zipf popularity (default 1000)
              --seed S                 seed of every random choice (default 42)
              --seconds-per-day D      wall-clock seconds per simulated day (default 3)
              --settle S               seconds suppliers and the warehouse go on after ordering (default 20)
              --drain S                then at most S seconds more until every line has its decision (default 120)
              --warmup S               an unmeasured pass of S seconds before each run (default 30; 0: none)
              --instances LIST         inventory-stream instance counts, one run each (default 1,2)
              --restore-skus N         SKUs loaded before the restore measurement; 0 skips it (default 1000000)
              --baseline-records N     records of the raw producer / pass-through passes; 0 skips them (default 200000)
              --baseline-seconds S     seconds of the baselines' latency pass (default 15)
              --port-offset P          added to every documented port (default 300)
              --data-dir DIR           the stack's data, deleted first (default .restock/bench/data)
              --out DIR                where the report goes (default pipeline-benchmark/target)
              --note TEXT              put into the report, e.g. who else used the machine
              --attach                 drive a Restock already running: Kafka at --bootstrap-servers, the registry at
                                       --schema-registry-url, the services on 127.0.0.1 at 8080+P..8086+P; runs one
                                       pass (no second instance, no restore)
              --bootstrap-servers B    with --attach (default 127.0.0.1:9092+P)
              --schema-registry-url U  with --attach (default http://127.0.0.1:8081+P/apis/ccompat/v7)
              --stack-pids FILE        with --attach: `<name> <pid>` lines (an `up`'s <data dir>/stack.pids) whose
                                       CPU and RSS to report
            """;

    public static BenchOptions parse(final String[] args, final Path root) {
        double rate = 50;
        long duration = 60;
        long orders = 0;
        int skus = 1000;
        long seed = 42;
        double secondsPerDay = 3;
        long settle = 20;
        long drain = 120;
        long warmup = 30;
        List<Integer> instances = List.of(1, 2);
        long restore = 1_000_000;
        long baselineRecords = 200_000;
        long baselineSeconds = 15;
        int offset = 300;
        Path dataDir = root.resolve(".restock").resolve("bench").resolve("data");
        Path out = root.resolve("pipeline-benchmark").resolve("target");
        String note = "";
        boolean attach = false;
        String bootstrap = null;
        String registry = null;
        Path pids = null;
        boolean help = false;
        final CommandLine line = new CommandLine(args);
        while (line.next()) {
            switch (line.name()) {
                case "--help", "-h" -> help = true;
                case "--rate" -> rate = line.positive();
                case "--duration" -> duration = (long) line.positive();
                case "--orders" -> orders = (long) line.positive();
                case "--skus" -> skus = (int) line.positive();
                case "--seed" -> seed = line.whole(Long.MIN_VALUE, Long.MAX_VALUE);
                case "--seconds-per-day" -> secondsPerDay = line.positive();
                case "--settle" -> settle = (long) line.atLeastZero();
                case "--drain" -> drain = (long) line.atLeastZero();
                case "--warmup" -> warmup = (long) line.atLeastZero();
                case "--instances" -> instances = instances(line.value());
                case "--restore-skus" -> restore = (long) line.atLeastZero();
                case "--baseline-records" -> baselineRecords = (long) line.atLeastZero();
                case "--baseline-seconds" -> baselineSeconds = (long) line.positive();
                case "--port-offset" -> offset = (int) line.whole(0, 50_000);
                case "--data-dir" -> dataDir = line.path().toAbsolutePath();
                case "--out" -> out = line.path().toAbsolutePath();
                case "--note" -> note = line.value();
                case "--attach" -> attach = true;
                case "--bootstrap-servers" -> bootstrap = line.value();
                case "--schema-registry-url" -> registry = line.value();
                case "--stack-pids" -> pids = line.path().toAbsolutePath();
                default -> throw line.unknown();
            }
        }
        if (bootstrap == null) {
            bootstrap = "127.0.0.1:" + (9092 + offset);
        }
        if (registry == null) {
            registry = "http://127.0.0.1:" + (8081 + offset) + "/apis/ccompat/v7";
        }
        if (attach) {
            instances = List.of(1);
            restore = 0;
        }
        return new BenchOptions(rate, duration, orders, skus, seed, secondsPerDay, settle, drain, warmup, instances,
                restore,
                baselineRecords, baselineSeconds, offset, dataDir, out, note, attach, bootstrap, registry, pids, help);
    }

    private static List<Integer> instances(final String value) {
        final List<Integer> counts = new ArrayList<>();
        for (final String part : value.split(",")) {
            final int count = Integer.parseInt(part.trim());
            if (count < 1 || count > 2) {
                throw new IllegalArgumentException("--instances takes counts of 1 or 2, not " + part);
            }
            counts.add(count);
        }
        return List.copyOf(counts.stream().sorted().distinct().toList());
    }
}
