package io.restock.chaos;

import io.restock.chaos.faults.FaultInjector;
import io.restock.chaos.faults.FaultPlan;
import io.restock.chaos.faults.Quiescence;
import io.restock.chaos.history.History;
import io.restock.chaos.history.HistoryReader;
import io.restock.chaos.history.TopicSnapshot;
import io.restock.chaos.load.Load;
import io.restock.chaos.load.RetryingHttp;
import io.restock.chaos.log.RunLog;
import io.restock.localkafka.files.Directories;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.stack.Endpoints;
import io.restock.stack.Service;
import io.restock.stack.Stack;
import io.restock.stack.StackOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One fault-verifier run: a fresh stack with the faults' timing, the seeded catalog, the load with faults,
 * quiescence, the history read back from the run log and the topics, the verdict. The stack is stopped whatever
 * happens; data, logs and the run log stay in the work directory for inspection.
 */
public final class ChaosRun {

    private final ChaosOptions options;
    private final Path root;
    private final PrintStream out;

    public ChaosRun(final ChaosOptions options, final Path root, final PrintStream out) {
        this.options = options;
        this.root = root;
        this.out = out;
    }

    /** The stack's settings for a run: the faults' timing and short windows so that outputs settle. */
    StackOptions stackOptions() {
        final Path work = options.workDir().toAbsolutePath();
        return StackOptions.defaults(root)
                .withDataDir(work.resolve("data"))
                .withLogDir(work.resolve("logs"))
                .withPortOffset(options.portOffset())
                .withProgress(out)
                .withEnvironment(StreamsDefaults.COMMIT_INTERVAL_ENV, String.valueOf(options.commitInterval().toMillis()))
                .withEnvironment(StreamsDefaults.TRANSACTION_TIMEOUT_ENV,
                        String.valueOf(options.transactionTimeout().toMillis()))
                .withEnvironment(StreamsDefaults.SESSION_TIMEOUT_ENV, "10000")
                .withEnvironment(Service.BACKORDER_PROCESSOR, "BACKORDER_PROCESSOR_BATCH_WINDOW", "5s")
                .withEnvironment(Service.BACKORDER_PROCESSOR, "BACKORDER_PROCESSOR_IDLE_FLUSH_AFTER", "5s")
                .withEnvironment(Service.NOTIFIER, "SMTP_HOST", "127.0.0.1")
                .withEnvironment(Service.NOTIFIER, "SMTP_PORT", String.valueOf(smtpPort()))
                .withEnvironment(Service.NOTIFIER, "NOTIFIER_COALESCING_WINDOW", "5s")
                .withEnvironment(Service.NOTIFIER, "NOTIFIER_GROUPING_WINDOW", "2s");
    }

    int smtpPort() {
        return 8025 + options.portOffset();
    }

    public Verdict run() throws InterruptedException {
        final Path work = options.workDir().toAbsolutePath();
        deleteRecursively(work.resolve("data"));
        final FaultPlan plan = FaultPlan.of(options.faults(), options.duration(), options.seed());
        out.println("chaos: seed " + options.seed() + ", load " + options.duration().toSeconds() + " s at "
                + options.ordersPerSecond() + " orders/s, commit interval " + options.commitInterval().toMillis()
                + " ms, transaction timeout " + options.transactionTimeout().toMillis() + " ms, faults: "
                + plan.faults());
        try (SmtpCatcher mail = new SmtpCatcher(smtpPort());
             RunLog log = new RunLog(work.resolve("run-log.jsonl"));
             Stack stack = Stack.start(stackOptions());
             FaultInjector injector = new FaultInjector(stack, log, out, options.commitInterval(),
                     options.pauseFor());
             Quiescence quiescence = new Quiescence(stack.endpoints().bootstrapServers(),
                     TopicSnapshot.topicsRead().stream().map(t -> t.name()).toList())) {
            final Endpoints e = stack.endpoints();
            final Load load = new Load(log, new RetryingHttp(Duration.ofSeconds(150)),
                    e.service(Service.ORDER_INTAKE), e.service(Service.INVENTORY_STREAM),
                    e.service(Service.BACKORDER_PROCESSOR), e.service(Service.SUPPLIER_GATEWAY), e.bootstrapServers(),
                    e.schemaRegistryUrl(), options.seed(), 24);
            out.println("chaos: seeding the catalog, the supplier's offers and starting stock ...");
            load.seed();
            final Instant loadStarted = Instant.now();
            log.write(RunLog.entry("phase").put("phase", "load-started"));
            load.start(options.ordersPerSecond());
            out.println("chaos: load running (run log " + log.file() + ")");
            final CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> {
                try {
                    injector.run(plan, loadStarted);
                } catch (final InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            final long untilEnd = Duration.between(Instant.now(), loadStarted.plus(options.duration())).toMillis();
            if (untilEnd > 0) {
                // the load's length: the shop keeps ordering this long
                Thread.sleep(untilEnd);
            }
            try {
                faults.get();
            } catch (final ExecutionException ex) {
                throw new IllegalStateException("a fault could not be injected or recovered: "
                        + ex.getCause().getMessage(), ex.getCause());
            }
            load.stop(Duration.ofSeconds(200));
            log.write(RunLog.entry("phase").put("phase", "load-stopped"));
            out.printf("chaos: load stopped after %d s (%d orders, %d receipts, %d shipments); waiting until Restock is "
                    + "quiet ...%n", Duration.between(loadStarted, Instant.now()).toSeconds(), load.ordersSent(),
                    load.receiptsSent(), load.shipmentsSent());
            final Duration stableFor = Duration.ofSeconds(Math.max(20, options.commitInterval().toSeconds() * 4));
            final Quiescence.State state = quiescence.await(stableFor, Duration.ofMinutes(5));
            log.write(RunLog.entry("phase").put("phase", state.quiet() ? "quiet" : "not-quiet"));
            out.printf("chaos: %s after %.0f s (lag per group beyond the transaction marker: %s)%n",
                    state.quiet() ? "quiet" : "NOT quiet", state.waited().toMillis() / 1000.0, state.lagByGroup());
            final History history = HistoryReader.read(log.file(),
                    new TopicSnapshot(e.bootstrapServers(), e.schemaRegistryUrl()), mail.messageIds(), Load.SHOP,
                    Duration.ofSeconds(60));
            return Verdict.of(history, injector.injected(), injector.killsInOpenTransaction(), state.quiet());
        }
    }

    private static void deleteRecursively(final Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
