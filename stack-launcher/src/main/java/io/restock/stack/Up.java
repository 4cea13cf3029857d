package io.restock.stack;

import io.restock.localkafka.cli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/restock up}: starts the whole of Restock in the foreground, prints where everything is, and stops
 * every process it started on Ctrl-C or SIGTERM ({@code bin/restock down}). Exits 0 after a clean stop, 1 when
 * the start fails, 2 on bad options.
 */
public final class Up {

    static final String USAGE = """
            usage: restock up [--port-offset N] [--services a,b,...] [--data-dir DIR] [--log-dir DIR] [--no-build]
              --port-offset N   added to every port: Kafka 9092, registry 8081, services 8080 and 8082-8086 (default 0)
              --services LIST   only these services (default all: order-intake,inventory-stream,
                                backorder-processor,supplier-gateway,notifier,backorder-kpis)
              --data-dir DIR    Kafka data and service state (default <repo>/.restock/data)
              --log-dir DIR     one log file per process (default <repo>/.restock/logs)
              --no-build        do not build missing or stale modules (fail instead)""";

    private Up() {
    }

    /** The parsed command line applied to the defaults. */
    static StackOptions parse(final Path root, final String[] args) {
        StackOptions options = StackOptions.defaults(root);
        for (int i = 0; i < args.length; i++) {
            final String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
            if ("--no-build".equals(name)) {
                options = options.withBuild(false);
                continue;
            }
            final String value;
            if (args[i].contains("=")) {
                value = args[i].substring(args[i].indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            switch (name) {
                case "--port-offset" -> {
                    try {
                        options = options.withPortOffset(Integer.parseInt(value));
                    } catch (final NumberFormatException e) {
                        throw new IllegalArgumentException("--port-offset needs a number, not '" + value + "'");
                    }
                }
                case "--services" -> {
                    final Set<Service> services = EnumSet.noneOf(Service.class);
                    for (final String id : value.split(",")) {
                        services.add(Service.of(id.trim()));
                    }
                    options = options.withServices(services);
                }
                case "--data-dir" -> options = options.withDataDir(Path.of(value));
                case "--log-dir" -> options = options.withLogDir(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return options;
    }

    public static void main(final String[] args) {
        final PrintStream out = System.out;
        final StackOptions options = CommandLine.parseOrExit("restock up", USAGE, args,
                a -> parse(Path.of(System.getProperty("restock.root", ".")), a));
        final Stack stack;
        try {
            stack = Stack.start(options);
        } catch (final StackStartException e) {
            System.err.println("restock up: " + e.getMessage());
            System.exit(1);
            return;
        }
        out.print(describe(stack, options));
        out.flush();

        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("Stopping ...");
            stack.close();
            out.println("Stopped. Peak RSS: " + formatRss(stack.peakRssKb()));
            out.flush();
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }, "restock-up-stopper"));
        stack.pids().forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(process -> process.onExit()
                .thenRun(() -> {
                    if (!stopping.get()) {
                        out.println("restock up: " + name + " (pid " + pid + ") exited; see "
                                + stack.endpoints().logFiles().get(name));
                    }
                })));
        try {
            stopped.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code up} prints once everything is healthy. */
    static String describe(final Stack stack, final StackOptions options) {
        final Endpoints endpoints = stack.endpoints();
        final StringBuilder text = new StringBuilder();
        text.append(String.format("%nRestock is up (%.1f s).%n", stack.startupTime().toMillis() / 1000.0));
        text.append(String.format("  %-20s %-24s %s%n", "service", "API", "health · metrics"));
        endpoints.services().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                text.append(String.format("  %-20s %-24s %s · %s%n", entry.getKey().id(), entry.getValue(),
                        endpoints.health(entry.getKey()), endpoints.prometheus(entry.getKey()))));
        text.append(String.format("  %-20s %s%n", "Kafka", endpoints.bootstrapServers()));
        text.append(String.format("  %-20s %s%n", "schema registry", endpoints.schemaRegistryUrl()));
        text.append(String.format("  %-20s %s%n", "dashboard", dashboard(endpoints)));
        text.append(String.format("  %-20s %s (<process>.log)%n", "logs", options.logDir()));
        text.append(String.format("  %-20s %s%n", "data", options.dataDir()));
        text.append("Ctrl-C (or bin/restock down) stops everything.\n");
        return text.toString();
    }

    /** The live dashboard's address (served by backorder-kpis), or why there is none. */
    static String dashboard(final Endpoints endpoints) {
        final java.net.URI kpis = endpoints.services().get(Service.BACKORDER_KPIS);
        return kpis == null ? "not started (backorder-kpis is not among --services)" : kpis + "/dashboard/index.html";
    }

    static String formatRss(final Map<String, Long> peakRssKb) {
        final StringBuilder text = new StringBuilder();
        peakRssKb.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> text
                .append(text.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
                .append(entry.getValue() / 1024).append(" MB"));
        return text.toString();
    }
}
