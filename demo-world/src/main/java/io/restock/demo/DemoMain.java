package io.restock.demo;

import io.restock.demo.report.Summary;
import io.restock.demo.world.Endpoints;
import io.restock.demo.world.World;
import io.restock.demo.world.WorldSettings;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bin/restock demo}: plays the world against Restock and prints the summary. Exit 0 when the run went
 * through, 1 with a message when it failed, 2 on bad options.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(final String[] args) {
        final DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("restock demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        try {
            final Endpoints endpoints = Endpoints.local(options.bootstrapServers(), options.schemaRegistryUrl(),
                    options.portOffset(), 8025 + options.portOffset(), 8090 + options.portOffset());
            final World.Outcome outcome = new World(endpoints, options.settings(), System.out,
                    System.console() != null).run();
            Summary.print(System.out, outcome, options.settings().secondsPerDay(), Map.of());
        } catch (Exception e) {
            System.err.println("restock demo failed: " + e);
            System.exit(1);
        }
    }

    static Duration minutes(final double value) {
        return Duration.ofMillis(Math.round(value * 60_000));
    }
}
