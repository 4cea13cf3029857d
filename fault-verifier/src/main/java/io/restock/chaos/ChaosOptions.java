package io.restock.chaos;

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
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if ("-h".equals(arg) || "--help".equals(arg)) {
                return new ChaosOptions(duration, faults, seed, portOffset, ordersPerSecond, commitInterval,
                        transactionTimeout, workDir, true);
            }
            final String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            final String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            switch (name) {
                case "--duration" -> duration = duration(name, value);
                case "--faults" -> faults = (int) number(name, value, 0, 100);
                case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--port-offset" -> portOffset = (int) number(name, value, 0, 50_000);
                case "--orders-per-second" -> ordersPerSecond = rate(name, value);
                case "--commit-interval" -> commitInterval = duration(name, value);
                case "--transaction-timeout" -> transactionTimeout = duration(name, value);
                case "--work-dir" -> workDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
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

    /** {@code 90s}, {@code 2m}, {@code 1500ms}, or whole seconds. */
    static Duration duration(final String name, final String value) {
        try {
            final Duration d;
            if (value.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(value));
            }
            if (d.isPositive()) {
                return d;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive duration (90s, 2m, 1500ms), not '" + value + "'");
    }

    private static long number(final String name, final String value, final long min, final long max) {
        try {
            final long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a whole number " + min + "-" + max + ", not '" + value + "'");
    }

    private static double rate(final String name, final String value) {
        try {
            final double r = Double.parseDouble(value);
            if (r > 0 && r <= 1000) {
                return r;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a rate above 0 and at most 1000, not '" + value + "'");
    }
}
