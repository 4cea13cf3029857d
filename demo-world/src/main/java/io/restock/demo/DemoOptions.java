package io.restock.demo;

import io.restock.demo.world.WorldSettings;

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
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new DemoOptions(settings, offset, bootstrap, registry, attach, true);
                }
                case "--attach" -> attach = true;
                case "--minutes" -> settings = settings.withDuration(DemoMain.minutes(positive(arg, value(args, ++i))));
                case "--orders-per-second" -> settings = settings.withOrdersPerSecond(positive(arg, value(args, ++i)));
                case "--seed" -> settings = settings.withSeed(Long.parseLong(value(args, ++i)));
                case "--seconds-per-day" -> settings = settings.withSecondsPerDay(positive(arg, value(args, ++i)));
                case "--skus" -> settings = settings.withSkus((int) positive(arg, value(args, ++i)));
                case "--settle-seconds" -> settings = settings.withSettle(
                        java.time.Duration.ofSeconds((long) positive(arg, value(args, ++i))));
                case "--port-offset" -> offset = Integer.parseInt(value(args, ++i));
                case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                case "--schema-registry-url" -> registry = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown option " + arg);
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

    private static String value(final String[] args, final int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static double positive(final String option, final String value) {
        final double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
        if (!(parsed > 0)) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return parsed;
    }
}
