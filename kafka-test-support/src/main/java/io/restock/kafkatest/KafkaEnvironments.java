package io.restock.kafkatest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import io.restock.kafkatest.KafkaEnvironment.Mode;
import io.restock.localkafka.LocalBroker;
import io.restock.localkafka.LocalRegistry;
import io.restock.localkafka.files.Directories;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Chooses and provides the Kafka broker and schema registry that tests run against.
 *
 * <ol>
 *   <li>{@link Mode#EXTERNAL} when {@code KAFKA_BOOTSTRAP_SERVERS} (environment) or {@code kafka.bootstrap.servers}
 *       (system property) is set; the registry then comes from {@code SCHEMA_REGISTRY_URL} /
 *       {@code schema.registry.url}, which must be set too.</li>
 *   <li>{@link Mode#TESTCONTAINERS} when Docker is available: {@code apache/kafka} and
 *       {@code apicurio/apicurio-registry} containers on a shared network.</li>
 *   <li>{@link Mode#IN_PROCESS} otherwise: a {@link LocalBroker} in this JVM on a free port with a temporary
 *       data directory, and an in-memory {@link LocalRegistry} on a free port.</li>
 * </ol>
 * The system property {@value #MODE_PROPERTY} (or environment variable {@code RESTOCK_KAFKA_MODE}) forces a mode:
 * {@code external}, {@code testcontainers} or {@code in-process}.
 */
public final class KafkaEnvironments {

    public static final String MODE_PROPERTY = "restock.kafka.mode";
    public static final String MODE_ENV = "RESTOCK_KAFKA_MODE";
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";
    public static final String REGISTRY_ENV = "SCHEMA_REGISTRY_URL";
    public static final String REGISTRY_PROPERTY = "schema.registry.url";

    static final String KAFKA_IMAGE = "apache/kafka:4.2.2";
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:" + LocalRegistry.VERSION;

    private KafkaEnvironments() {
    }

    /**
     * The outcome of {@link #choose}: a mode, and for {@link Mode#EXTERNAL} where the services are.
     *
     * @param reason why this mode, for the log line
     */
    public record Choice(Mode mode, String bootstrapServers, String schemaRegistryUrl, String reason) {
    }

    /** Everything a chosen environment started; closing it stops them (nothing for {@link Mode#EXTERNAL}). */
    public static final class Provisioned implements AutoCloseable {
        private final KafkaEnvironment environment;
        private final List<AutoCloseable> resources;

        Provisioned(final KafkaEnvironment environment, final List<AutoCloseable> resources) {
            this.environment = environment;
            this.resources = List.copyOf(resources);
        }

        public KafkaEnvironment environment() {
            return environment;
        }

        /** Stops what was started, in reverse order of starting. */
        @Override
        public void close() {
            RuntimeException failure = null;
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (final Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("cannot stop the test Kafka environment", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Picks the mode from the environment variables, the system properties and whether Docker answers.
     * Pure apart from {@code dockerAvailable}, which is asked only when the first two do not decide.
     *
     * @throws IllegalStateException when the settings contradict each other or name an unknown mode
     */
    public static Choice choose(final Map<String, String> env, final Properties sysProps,
                                final BooleanSupplier dockerAvailable) {
        final String bootstrap = firstSet(sysProps.getProperty(BOOTSTRAP_PROPERTY), env.get(BOOTSTRAP_ENV));
        final String registry = firstSet(sysProps.getProperty(REGISTRY_PROPERTY), env.get(REGISTRY_ENV));
        final String forced = firstSet(sysProps.getProperty(MODE_PROPERTY), env.get(MODE_ENV));

        final Mode mode;
        final String reason;
        if (forced != null) {
            mode = parseMode(forced);
            reason = "forced by " + MODE_PROPERTY + "=" + forced;
        } else if (bootstrap != null) {
            mode = Mode.EXTERNAL;
            reason = BOOTSTRAP_ENV + " / " + BOOTSTRAP_PROPERTY + " is set";
        } else if (dockerAvailable.getAsBoolean()) {
            mode = Mode.TESTCONTAINERS;
            reason = "Docker is available";
        } else {
            mode = Mode.IN_PROCESS;
            reason = "no external Kafka configured and no Docker";
        }

        if (mode == Mode.EXTERNAL) {
            if (bootstrap == null) {
                throw new IllegalStateException(reason + " but neither " + BOOTSTRAP_ENV + " nor -D"
                        + BOOTSTRAP_PROPERTY + " is set");
            }
            if (registry == null) {
                throw new IllegalStateException("Kafka is external (" + bootstrap + ") but the schema registry is "
                        + "not: set " + REGISTRY_ENV + " or -D" + REGISTRY_PROPERTY
                        + " (the Confluent-compatible base URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7)");
            }
            return new Choice(mode, bootstrap, registry, reason);
        }
        if (mode == Mode.TESTCONTAINERS && forced != null && !dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(reason + " but Docker is not available");
        }
        return new Choice(mode, null, null, reason);
    }

    /** {@link #choose} with this JVM's environment, system properties and Docker. */
    public static Choice chooseForThisJvm() {
        final long[] dockerCheckMillis = {-1};
        final Choice choice = choose(System.getenv(), System.getProperties(), () -> {
            final long started = System.nanoTime();
            final boolean available = dockerAvailable();
            dockerCheckMillis[0] = (System.nanoTime() - started) / 1_000_000;
            return available;
        });
        if (dockerCheckMillis[0] < 0) {
            return choice;
        }
        return new Choice(choice.mode(), choice.bootstrapServers(), choice.schemaRegistryUrl(),
                choice.reason() + "; Docker check took " + dockerCheckMillis[0] + " ms");
    }

    /** Starts (or, for {@link Mode#EXTERNAL}, just describes) the chosen broker and registry. */
    public static Provisioned provision(final Choice choice) {
        return switch (choice.mode()) {
            case EXTERNAL -> new Provisioned(
                    new KafkaEnvironment(choice.bootstrapServers(), choice.schemaRegistryUrl(), Mode.EXTERNAL),
                    List.of());
            case TESTCONTAINERS -> startContainers();
            case IN_PROCESS -> startInProcess();
        };
    }

    /** Whether Docker answers; false quickly when there is no Docker engine. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (final RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Provisioned startInProcess() {
        final List<AutoCloseable> started = new ArrayList<>();
        try {
            final Path dir = Files.createTempDirectory("restock-kafka-test-");
            started.add(() -> Directories.deleteRecursively(dir));
            final LocalBroker broker = LocalBroker.start(LocalBroker.Settings.of(dir.resolve("kafka")).withPort(0));
            started.add(broker);
            final LocalRegistry registry = LocalRegistry.start(
                    LocalRegistry.Settings.inMemory(dir.resolve("schema-registry.log")));
            started.add(registry);
            return new Provisioned(
                    new KafkaEnvironment(broker.bootstrapServers(), registry.compatibleApiUrl(), Mode.IN_PROCESS),
                    started);
        } catch (final IOException e) {
            closeQuietly(started);
            throw new UncheckedIOException("cannot create a data directory for the test broker", e);
        } catch (final RuntimeException e) {
            closeQuietly(started);
            throw e;
        }
    }

    @SuppressWarnings("resource")
    private static Provisioned startContainers() {
        final List<AutoCloseable> started = new ArrayList<>();
        try {
            final Network network = Network.newNetwork();
            started.add(network);
            final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                    .withNetwork(network)
                    .withNetworkAliases("kafka")
                    .withListener("kafka:19092")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            started.add(kafka);
            final GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                    .withNetwork(network)
                    .withNetworkAliases("schema-registry")
                    .withExposedPorts(8080, 9000)
                    .waitingFor(Wait.forHttp("/health/ready").forPort(9000).forStatusCode(200)
                            .withStartupTimeout(Duration.ofSeconds(120)));
            started.add(registry);
            kafka.start();
            registry.start();
            final String registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(8080)
                    + LocalRegistry.COMPATIBLE_API_PATH;
            return new Provisioned(new KafkaEnvironment(kafka.getBootstrapServers(), registryUrl, Mode.TESTCONTAINERS),
                    started);
        } catch (final RuntimeException e) {
            closeQuietly(started);
            throw e;
        }
    }

    private static Mode parseMode(final String value) {
        final String normal = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Mode.valueOf(normal);
        } catch (final IllegalArgumentException e) {
            throw new IllegalStateException(MODE_PROPERTY + "=" + value + " is not one of external, testcontainers, "
                    + "in-process", e);
        }
    }

    private static String firstSet(final String... values) {
        for (final String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static void closeQuietly(final List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (final Exception ignored) {
                // already failing: the original error matters more
            }
        }
    }
}
