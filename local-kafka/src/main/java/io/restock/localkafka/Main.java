package io.restock.localkafka;

import io.restock.localkafka.cli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/restock kafka}: a local Kafka broker and schema registry for development, until Ctrl-C.
 *
 * <p>Prints only its own short lines; Kafka's and the registry's logs go to files under {@code --log-dir}.
 * Data (topics, records, schemas) lives under {@code --data-dir} and survives restarts.
 * Exits 0 after a clean stop on SIGTERM or Ctrl-C, 1 when it cannot start, 2 on bad options.
 */
public final class Main {

    static final String USAGE = """
            usage: restock kafka [--port N] [--registry-port N] [--data-dir DIR] [--log-dir DIR]
              --port N            Kafka client port on 127.0.0.1 (default 9092; 0 picks a free one)
              --registry-port N   schema registry HTTP port on 127.0.0.1 (default 8081; 0 picks a free one)
              --data-dir DIR      broker and registry data (default <repo>/.restock/data)
              --log-dir DIR       log files (default <repo>/.restock/logs)""";

    private Main() {
    }

    /** Parsed command line. */
    record Options(int port, int registryPort, Path dataDir, Path logDir) {

        static Options parse(final String[] args) {
            int port = LocalBroker.Settings.DEFAULT_PORT;
            int registryPort = LocalRegistry.Settings.DEFAULT_PORT;
            Path dataDir = null;
            Path logDir = null;
            final CommandLine line = new CommandLine(args);
            while (line.next()) {
                switch (line.name()) {
                    case "--port" -> port = line.port();
                    case "--registry-port" -> registryPort = line.port();
                    case "--data-dir" -> dataDir = line.path();
                    case "--log-dir" -> logDir = line.path();
                    default -> throw line.unknown();
                }
            }
            if (dataDir == null) {
                dataDir = RestockRoot.workDir().resolve("data");
            }
            if (logDir == null) {
                logDir = RestockRoot.workDir().resolve("logs");
            }
            return new Options(port, registryPort, dataDir.toAbsolutePath().normalize(),
                    logDir.toAbsolutePath().normalize());
        }
    }

    public static void main(final String[] args) {
        final PrintStream out = System.out;
        final Options options = CommandLine.parseOrExit("restock kafka", USAGE, args, Options::parse);
        // Before the first logger exists: Kafka's and our own log lines go to a file, not the console.
        System.setProperty("restock.log.dir", options.logDir().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "restock-local-kafka-logback.xml");
        }

        LocalBroker broker = null;
        LocalRegistry registry = null;
        try {
            // Both ports before anything starts, so a taken one fails fast.
            if (options.port() != 0) {
                Ports.requireFree(options.port(), "is another Kafka running?", "--port");
            }
            if (options.registryPort() != 0) {
                Ports.requireFree(options.registryPort(), "is another schema registry running?", "--registry-port");
            }
            out.println("Starting Kafka and the schema registry (data " + display(options.dataDir()) + ") ...");
            final long started = System.nanoTime();
            broker = LocalBroker.start(LocalBroker.Settings.of(options.dataDir().resolve("kafka"))
                    .withPort(options.port()));
            registry = LocalRegistry.start(LocalRegistry.Settings
                    .kafkaSql(broker.bootstrapServers(), options.logDir().resolve("schema-registry.log"))
                    .withPort(options.registryPort()));
            final long millis = (System.nanoTime() - started) / 1_000_000;
            out.println("Kafka " + broker.bootstrapServers() + " · Schema registry " + registry.compatibleApiUrl()
                    + " · logs " + display(options.logDir()) + " · Ctrl-C stops both");
            out.println("Ready in " + millis + " ms.");
        } catch (final RuntimeException e) {
            System.err.println("restock kafka: " + oneLine(e));
            if (registry != null) {
                registry.close();
            }
            if (broker != null) {
                broker.close();
            }
            System.exit(1);
            return;
        }

        final CountDownLatch stopped = new CountDownLatch(1);
        final LocalBroker runningBroker = broker;
        final LocalRegistry runningRegistry = registry;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping ...");
            runningRegistry.close();
            runningBroker.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
            // A signal makes the JVM exit with 128+signal; a clean stop is a success.
            Runtime.getRuntime().halt(0);
        }, "restock-kafka-stopper"));
        try {
            stopped.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first line of the error message; the rest (e.g. a log tail) is in the log files. */
    static String oneLine(final Throwable e) {
        final String message = e.getMessage() == null ? e.toString() : e.getMessage();
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " (see the log files for more)";
    }

    private static String display(final Path path) {
        final Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) && !path.equals(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
