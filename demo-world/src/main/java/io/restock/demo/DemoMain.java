package io.restock.demo;

import io.restock.demo.world.Summary;
import io.restock.demo.world.Endpoints;
import io.restock.demo.world.World;
import io.restock.demo.world.WorldSettings;
import io.restock.localkafka.cli.CommandLine;
import io.restock.localkafka.files.Directories;
import io.restock.stack.Service;
import io.restock.stack.Stack;
import io.restock.stack.StackOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/restock demo}: starts Restock through the launcher with the demo's settings (short batch and
 * coalescing windows, the notifier's SMTP pointed at the demo's mail catcher, a demo's supplier and shop keys as configured), plays the
 * {@link World} against it, stops it, and prints the summary with each process's peak memory. Exit 0 when the run
 * went through and every process it started has exited, 1 with a message otherwise, 2 on bad options.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(final String[] args) {
        final DemoOptions options = CommandLine.parseOrExit("restock demo", DemoOptions.USAGE,
                () -> DemoOptions.parse(args), DemoOptions::help);
        int status;
        try {
            status = options.attach() ? attach(options) : run(options, rootDir(), System.out) ? 0 : 1;
        } catch (Exception e) {
            System.err.println("restock demo failed: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** The launcher's settings for a demo: the world's ports, short windows, the demo's SMTP server and shop. */
    public static StackOptions stackOptions(final Path root, final int portOffset, final WorldSettings settings,
                                            final PrintStream progress) {
        final long dayMillis = Math.round(settings.secondsPerDay() * 1000);
        final Path work = root.resolve(".restock").resolve("demo");
        return StackOptions.defaults(root)
                .withDataDir(work.resolve("data"))
                .withLogDir(work.resolve("logs"))
                .withPortOffset(portOffset)
                .withProgress(progress)
                // a purchase order per supplier per simulated day, not per 15 minutes
                .withEnvironment(Service.BACKORDER_PROCESSOR, "BACKORDER_PROCESSOR_BATCH_WINDOW",
                        dayMillis + "ms")
                .withEnvironment(Service.BACKORDER_PROCESSOR, "BACKORDER_PROCESSOR_IDLE_FLUSH_AFTER",
                        Math.max(1000, dayMillis / 2) + "ms")
                .withEnvironment(Service.NOTIFIER, "SMTP_HOST", "127.0.0.1")
                .withEnvironment(Service.NOTIFIER, "SMTP_PORT", String.valueOf(smtpPort(portOffset)))
                .withEnvironment(Service.NOTIFIER, "NOTIFIER_COALESCING_WINDOW", "5s")
                .withEnvironment(Service.NOTIFIER, "NOTIFIER_GROUPING_WINDOW", "2s");
    }

    public static int smtpPort(final int portOffset) {
        return 8025 + portOffset;
    }

    public static int webhookPort(final int portOffset) {
        return 8090 + portOffset;
    }

    /** The world's view of a started stack. */
    public static Endpoints endpoints(final Stack stack, final int portOffset) {
        final var e = stack.endpoints();
        return new Endpoints(e.bootstrapServers(), e.schemaRegistryUrl(), e.service(Service.ORDER_INTAKE),
                e.service(Service.INVENTORY_STREAM), e.service(Service.BACKORDER_PROCESSOR),
                e.service(Service.SUPPLIER_GATEWAY), smtpPort(portOffset), webhookPort(portOffset));
    }

    /**
     * A whole demo: a fresh data directory ({@code .restock/demo}), the stack, the world, the summary, the stop.
     * Returns whether every process the stack started has exited.
     */
    static boolean run(final DemoOptions options, final Path root, final PrintStream out) throws Exception {
        Directories.deleteRecursively(root.resolve(".restock").resolve("demo").resolve("data"));
        final StackOptions stackOptions = stackOptions(root, options.portOffset(), options.settings(), out);
        final World.Outcome outcome;
        final Map<String, Long> rss;
        final List<Long> pids;
        try (Stack stack = Stack.start(stackOptions)) {
            pids = List.copyOf(stack.pids().values());
            outcome = new World(endpoints(stack, options.portOffset()), options.settings(), out,
                    System.console() != null).run();
            rss = stack.peakRssKb();
        }
        Summary.print(out, outcome, options.settings().secondsPerDay(), rss);
        final List<Long> alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)).toList();
        if (!alive.isEmpty()) {
            out.println("processes still running after the stop: " + alive);
            return false;
        }
        out.println("stack stopped: all " + pids.size() + " processes exited");
        return true;
    }

    private static int attach(final DemoOptions options) throws Exception {
        final Endpoints endpoints = Endpoints.local(options.bootstrapServers(), options.schemaRegistryUrl(),
                options.portOffset(), smtpPort(options.portOffset()), webhookPort(options.portOffset()));
        final World.Outcome outcome = new World(endpoints, options.settings(), System.out,
                System.console() != null).run();
        Summary.print(System.out, outcome, options.settings().secondsPerDay(), Map.of());
        return 0;
    }

    private static Path rootDir() {
        return Path.of(System.getProperty("restock.root", ".")).toAbsolutePath().normalize();
    }

    static Duration minutes(final double value) {
        return Duration.ofMillis(Math.round(value * 60_000));
    }
}
