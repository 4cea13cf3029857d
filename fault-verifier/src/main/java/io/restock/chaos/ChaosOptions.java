package io.restock.chaos;

import io.restock.localkafka.cli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code bin/restock chaos} options.
 *
 * @param duration          how long the load runs (faults fall within it)
 * @param faults            how many faults ({@link io.restock.chaos.faults.FaultPlan})
 * @param seed              the load's and the fault plan's seed
 * @param portOffset        added to every port (Kafka 9092, registry 8081, services, SMTP 8025)
 * @param ordersPerSecond   the shop's steady rate
 * @param commitInterval    the services' commit interval ({@code RESTOCK_STREAMS_COMMIT_INTERVAL_MS})
 * @param transactionTimeout the services' transaction timeout ({@code RESTOCK_STREAMS_TRANSACTION_TIMEOUT_MS})
 * @param workDir           data, logs and the run log; wiped at start
 */
public record ChaosOptions(Duration duration, int faults, long seed, int portOffset, double ordersPerSecond,
                           Duration commitInterval, Duration transactionTimeout, Path workDir, boolean help) {

    public static final String USAGE = """
            usage: restock chaos [--duration 120s] [--faults 5] [--seed 1] [--port-offset 400]
                                 [--orders-per-second 3] [--commit-interval 5s] [--transaction-timeout 10s]
                                 [--work-dir .restock/chaos]
              Starts Restock (fresh data in --work-dir), seeds a catalog, runs a steady load it logs to
              <work-dir>/run-log.jsonl while injecting faults (kill -9 of inventory-stream, backorder-processor,
              notifier inside an open transaction; SIGSTOP past the transaction timeout; a broker restart), waits
              until Restock is quiet, checks the exactly-once invariants and prints a verdict.
              Exit 0: no violation; 1: a violation (named, with its keys) or the run failed; 2: bad options.""";

    public static ChaosOptions defaults(final Path root) {
        return new ChaosOptions(Duration.ofSeconds(120), 5, 1, 400, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(10), root.resolve(".restock").resolve("chaos"), false);
    }

    public static ChaosOptions parse(final String[] args, final Path root) {
        final ChaosOptions d = defaults(root);
        Duration duration = d.duration;
        int faults = d.faults;
        long seed = d.seed;
        int portOffset = d.portOffset;
        double ordersPerSecond = d.ordersPerSecond;
        Duration commitInterval = d.commitInterval;
        Duration transactionTimeout = d.transactionTimeout;
        Path workDir = d.workDir;
        final CommandLine line = new CommandLine(args);
        while (line.next()) {
            switch (line.name()) {
                case "-h", "--help" -> {
                    return new ChaosOptions(duration, faults, seed, portOffset, ordersPerSecond, commitInterval,
                            transactionTimeout, workDir, true);
                }
                case "--duration" -> duration = line.duration();
                case "--faults" -> faults = (int) line.whole(0, 100);
                case "--seed" -> seed = line.whole(Long.MIN_VALUE, Long.MAX_VALUE);
                case "--port-offset" -> portOffset = (int) line.whole(0, 50_000);
                case "--orders-per-second" -> ordersPerSecond = line.positiveAtMost(1000);
                case "--commit-interval" -> commitInterval = line.duration();
                case "--transaction-timeout" -> transactionTimeout = line.duration();
                case "--work-dir" -> workDir = line.path();
                default -> throw line.unknown();
            }
        }
        if (transactionTimeout.compareTo(commitInterval) <= 0) {
            throw new IllegalArgumentException("--transaction-timeout must be longer than --commit-interval");
        }
        return new ChaosOptions(duration, faults, seed, portOffset, ordersPerSecond, commitInterval,
                transactionTimeout, workDir, false);
    }

    /** How long a pause lasts: past the transaction timeout and the broker's 10 s check for timed-out ones. */
    public Duration pauseFor() {
        return transactionTimeout.plusSeconds(12);
    }
}
