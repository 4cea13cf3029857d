package io.restock.demo;

import io.restock.demo.world.WorldSettings;
import io.restock.localkafka.cli.CommandLine;

import java.time.Duration;

/** The command line of {@code bin/restock demo}. */
record DemoOptions(WorldSettings settings, int portOffset, String bootstrapServers, String schemaRegistryUrl,
                   boolean attach, boolean help) {

    static final String USAGE = """
            usage: bin/restock demo [--minutes N] [--orders-per-second R] [--seed S] [--seconds-per-day D]
                                    [--skus N] [--port-offset P] [--attach --bootstrap-servers B --schema-registry-url U]
              --minutes N            how long shops order (default 3; suppliers and the warehouse go on ~45 s more)
              --orders-per-second R  orders per second over both shops (default 4)
              --seed S               seed of every random choice (default 42)
              --seconds-per-day D    wall-clock seconds per simulated day (default 3)
              --skus N               catalogue size (default 300)
              --port-offset P        added to every documented port (default 0)
              --attach               play against a Restock already running (services on 8080+P..8085+P)
            """;

    static DemoOptions parse(final String[] args) {
        WorldSettings settings = WorldSettings.defaults();
        int offset = 0;
        String bootstrap = null;
        String registry = null;
        boolean attach = false;
        final CommandLine line = new CommandLine(args);
        while (line.next()) {
            switch (line.name()) {
                case "--help", "-h" -> {
                    return new DemoOptions(settings, offset, bootstrap, registry, attach, true);
                }
                case "--attach" -> attach = true;
                case "--minutes" -> settings = settings.withDuration(DemoMain.minutes(line.positive()));
                case "--orders-per-second" -> settings = settings.withOrdersPerSecond(line.positive());
                case "--seed" -> settings = settings.withSeed(line.whole(Long.MIN_VALUE, Long.MAX_VALUE));
                case "--seconds-per-day" -> settings = settings.withSecondsPerDay(line.positive());
                case "--skus" -> settings = settings.withSkus((int) line.positive());
                case "--settle-seconds" -> settings = settings.withSettle(Duration.ofSeconds((long) line.positive()));
                case "--port-offset" -> offset = (int) line.whole(0, 50_000);
                case "--bootstrap-servers" -> bootstrap = line.value();
                case "--schema-registry-url" -> registry = line.value();
                default -> throw line.unknown();
            }
        }
        if (bootstrap == null) {
            bootstrap = "127.0.0.1:" + (9092 + offset);
        }
        if (registry == null) {
            registry = "http://127.0.0.1:" + (8081 + offset) + "/apis/ccompat/v7";
        }
        return new DemoOptions(settings, offset, bootstrap, registry, attach, false);
    }
}
