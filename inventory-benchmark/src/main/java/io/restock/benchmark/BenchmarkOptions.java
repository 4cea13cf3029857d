package io.restock.benchmark;

import io.restock.localkafka.cli.CommandLine;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's command line. Defaults: 200 000 lines over 10 000 SKUs, 70 % of lines in stock,
 * 20 000 latency orders at each of 1 000 and 2 500 orders/s (~2 000 and ~5 000 lines/s), seed 42, an external broker on 127.0.0.1:9092 with the
 * registry on 127.0.0.1:8081 (or {@code --embedded}: an in-process broker and an in-JVM registry).
 */
record BenchmarkOptions(int lines, int skus, double inStockShare, int latencyOrders, List<Integer> latencyRates,
                        long seed, boolean embedded, String bootstrap, String registryUrl, int commitIntervalMs) {

    static final String USAGE = """
            usage: InventoryBenchmark [--lines N] [--skus K] [--in-stock-share 0.7] [--latency-orders M]
                                      [--latency-rate R[,R...]] [--seed S] [--commit-interval-ms C]
                                      [--embedded | --bootstrap host:port [--registry-url URL]]
              --lines           order lines pushed through each topology in the throughput pass (default 200000)
              --skus            SKUs the lines are spread over, uniformly (default 10000)
              --in-stock-share  share of lines the initial stock covers in full; the rest is backordered (default 0.7)
              --latency-orders  orders produced at a steady rate after the throughput pass, for latency, at each
                                rate (default 20000)
              --latency-rate    orders per second of each latency pass, in turn (default 1000,2500: orders hold
                                2 lines on average, so ~2000 and ~5000 lines/s)
              --seed            the data's random seed (default 42)
              --commit-interval-ms  commit.interval.ms of both topologies (default: inventory-stream's, 100)
              --embedded        start an in-process Kafka broker on a free port and use an in-JVM schema registry
              --bootstrap       an external broker (default 127.0.0.1:9092); it must be a broker you may fill:
                                the benchmark writes Restock's real topics (orders.order-events, ...)
              --registry-url    Confluent-compatible registry for --bootstrap (default http://127.0.0.1:8081/apis/ccompat/v7)
            """;

    static BenchmarkOptions parse(final List<String> args) {
        int lines = 200_000;
        int skus = 10_000;
        double share = 0.7;
        int latencyOrders = 20_000;
        List<Integer> latencyRates = List.of(1_000, 2_500);
        long seed = 42;
        boolean embedded = false;
        String bootstrap = "127.0.0.1:9092";
        String registry = "http://127.0.0.1:8081/apis/ccompat/v7";
        int commitIntervalMs = io.restock.inventory.config.InventoryStreamsConfig.COMMIT_INTERVAL_MS;
        final CommandLine line = new CommandLine(args.toArray(String[]::new));
        try {
            while (line.next()) {
                switch (line.name().toLowerCase(Locale.ROOT)) {
                    case "--embedded" -> embedded = true;
                    case "--lines" -> lines = (int) line.whole(1, Integer.MAX_VALUE);
                    case "--skus" -> skus = (int) line.whole(1, Integer.MAX_VALUE);
                    case "--in-stock-share" -> share = line.atLeastZero();
                    case "--latency-orders" -> latencyOrders = (int) line.whole(0, Integer.MAX_VALUE);
                    case "--latency-rate" -> latencyRates = rates(line.value());
                    case "--seed" -> seed = line.whole(Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--bootstrap" -> bootstrap = line.value();
                    case "--registry-url" -> registry = line.value();
                    case "--commit-interval-ms" -> commitIntervalMs = (int) line.whole(1, Integer.MAX_VALUE);
                    default -> throw line.unknown();
                }
            }
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + USAGE, e);
        }
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("--in-stock-share must be within 0..1");
        }
        if (latencyOrders < 0) {
            throw new IllegalArgumentException("--latency-orders must be >= 0");
        }
        return new BenchmarkOptions(lines, skus, share, latencyOrders, latencyRates, seed, embedded, bootstrap, registry,
                commitIntervalMs);
    }

    private static List<Integer> rates(final String value) {
        return java.util.Arrays.stream(value.split(",")).map(rate -> {
            final int r = Integer.parseInt(rate.trim().replace("_", ""));
            if (r <= 0) {
                throw new IllegalArgumentException("--latency-rate: every rate must be positive, was " + r);
            }
            return r;
        }).toList();
    }
}
