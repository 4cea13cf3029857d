package io.restock.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry running as a child process of this JVM, with its Confluent-compatible API at
 * {@link #compatibleApiUrl()} (what Restock calls {@code SCHEMA_REGISTRY_URL}).
 *
 * <p>Uses the distribution that the local-kafka build unpacks into {@code .restock/dist/}, and the same
 * {@code java} as this JVM. With {@link Storage#KAFKASQL} the registry keeps its data in the Kafka topics
 * {@code kafkasql-journal} and {@code kafkasql-snapshots} (created by the registry itself, unlimited
 * retention), so schema ids survive restarts just as the records that reference them do.
 * The process never outlives this JVM: a shutdown hook destroys it.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

    public static final String VERSION = "3.3.3";
    /** The Confluent-compatible API under {@link #baseUrl()}. */
    public static final String COMPATIBLE_API_PATH = "/apis/ccompat/v7";

    private static final int LOG_LINES_ON_FAILURE = 40;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Thread shutdownHook;
    private boolean closed;

    /** Where the registry keeps its data. */
    public enum Storage {
        /** An in-memory H2 database: gone when the process stops. For tests. */
        IN_MEMORY,
        /** Kafka topics on the broker given in {@link Settings#kafkaBootstrapServers()}: survives restarts. */
        KAFKASQL
    }

    /**
     * How to start the registry.
     *
     * @param port HTTP port on 127.0.0.1; 0 picks a free one
     * @param storage where the data lives
     * @param kafkaBootstrapServers the broker for {@link Storage#KAFKASQL}; ignored otherwise
     * @param logFile receives the process's stdout and stderr (overwritten at each start)
     * @param distribution the unpacked distribution (the directory holding {@code quarkus-run.jar})
     * @param readyTimeout how long {@link #start} waits for {@code /health/ready}
     */
    public record Settings(int port, Storage storage, String kafkaBootstrapServers, Path logFile, Path distribution,
                           Duration readyTimeout) {

        public static final int DEFAULT_PORT = 8081;

        public Settings {
            Objects.requireNonNull(storage, "storage");
            if (storage == Storage.KAFKASQL && (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank())) {
                throw new IllegalArgumentException("KAFKASQL storage needs kafkaBootstrapServers");
            }
            logFile = logFile.toAbsolutePath().normalize();
            distribution = distribution.toAbsolutePath().normalize();
        }

        /** In-memory storage on a free port, the default distribution: what tests use. */
        public static Settings inMemory(final Path logFile) {
            return new Settings(0, Storage.IN_MEMORY, null, logFile, defaultDistribution(), Duration.ofSeconds(90));
        }

        /**
         * Kafka-backed storage on port 8081, the default distribution: what the launcher uses. Ready within 180 s:
         * restarted beside six busy services on a loaded 2-core machine it took 85 s (the fault verifier's broker
         * restart), and a launcher that gives up takes the broker down with it.
         */
        public static Settings kafkaSql(final String kafkaBootstrapServers, final Path logFile) {
            return new Settings(DEFAULT_PORT, Storage.KAFKASQL, kafkaBootstrapServers, logFile, defaultDistribution(),
                    Duration.ofSeconds(180));
        }

        public Settings withPort(final int newPort) {
            return new Settings(newPort, storage, kafkaBootstrapServers, logFile, distribution, readyTimeout);
        }
    }

    private LocalRegistry(final Process process, final int port, final int managementPort, final Path logFile) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroy, "restock-registry-stopper");
    }

    /** {@code <repo root>/.restock/dist/apicurio-registry-3.3.3}. */
    public static Path defaultDistribution() {
        return RestockRoot.workDir().resolve("dist").resolve("apicurio-registry-" + VERSION);
    }

    /**
     * Starts the registry and returns once it reports ready.
     *
     * @throws Ports.PortInUseException when the HTTP port is taken
     * @throws IllegalStateException when the distribution is missing or the registry fails to become ready
     */
    public static LocalRegistry start(final Settings settings) {
        final Path runJar = settings.distribution().resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException("Apicurio Registry is not unpacked at " + settings.distribution()
                    + ": build local-kafka first (./mvnw -pl local-kafka -am install -DskipTests)");
        }
        if (settings.port() != 0) {
            Ports.requireFree(settings.port(), "is another schema registry running?", "--registry-port");
        }
        final long started = System.nanoTime();
        final int port = Ports.resolve(settings.port());
        final int managementPort = Ports.pickFree();

        final List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + Ports.HOST,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + Ports.HOST,
                "-Dquarkus.management.port=" + managementPort));
        command.addAll(storageOptions(settings));
        command.addAll(List.of("-jar", runJar.toString()));

        final Process process;
        try {
            Files.createDirectories(settings.logFile().getParent());
            process = new ProcessBuilder(command)
                    .directory(settings.distribution().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(settings.logFile().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry: " + String.join(" ", command), e);
        }
        final LocalRegistry registry = new LocalRegistry(process, port, managementPort, settings.logFile());
        Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
        try {
            registry.awaitReady(settings.readyTimeout());
        } catch (final RuntimeException e) {
            registry.close();
            throw e;
        }
        LOG.info("Schema registry ready at {} ({} storage, pid {}) in {} ms", registry.compatibleApiUrl(),
                settings.storage(), process.pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return registry;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + Ports.HOST + ":" + port;
    }

    /** The Confluent-compatible base URL, {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public String compatibleApiUrl() {
        return baseUrl() + COMPATIBLE_API_PATH;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the process (SIGTERM, then SIGKILL after a bounded wait); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
        LOG.info("Schema registry on {} stopped", baseUrl());
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Schema registry (pid {}) did not stop within {} s: killing it", process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> storageOptions(final Settings settings) {
        return switch (settings.storage()) {
            case IN_MEMORY -> List.of();
            case KAFKASQL -> List.of(
                    "-Dapicurio.storage.kind=kafkasql",
                    "-Dapicurio.kafkasql.bootstrap.servers=" + settings.kafkaBootstrapServers(),
                    // The default 5 s makes each startup read of an empty topic wait that long.
                    "-Dapicurio.kafkasql.consumer.poll.timeout=500");
        };
    }

    private void awaitReady(final Duration timeout) {
        final URI health = URI.create("http://" + Ports.HOST + ":" + managementPort + "/health/ready");
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("Schema registry exited with code " + process.exitValue() + " while starting");
            }
            try {
                final HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (final IOException e) {
                lastAnswer = e.toString();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
            // Poll at most every 100 ms; waitFor returns early if the process dies.
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
        }
        throw failure("Schema registry did not become ready within " + timeout.toSeconds() + " s (" + health + ": "
                + lastAnswer + ")");
    }

    private IllegalStateException failure(final String message) {
        return new IllegalStateException(message + "; last lines of " + logFile + ":\n" + tail(logFile));
    }

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (final IOException | UncheckedIOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
