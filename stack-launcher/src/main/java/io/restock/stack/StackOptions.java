package io.restock.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link Stack#start(StackOptions)} runs Restock: where the repository, data and logs are, which ports, which
 * services, and what each service process gets on top of its {@code application.yml} defaults.
 *
 * <p>Immutable; start from {@link #defaults(Path)} and change it with the {@code with…} methods, e.g.
 * <pre>{@code
 * StackOptions.defaults(root)
 *     .withPortOffset(10_000)
 *     .withEnvironment(Service.NOTIFIER, "SMTP_PORT", "2526")
 *     .withEnvironment(Service.BACKORDER_PROCESSOR, "BACKORDER_PROCESSOR_BATCH_WINDOW", "10s")
 * }</pre>
 *
 * @param rootDir the repository root (holds {@code mvnw} and the modules)
 * @param dataDir Kafka's log dirs and every service's state dir; kept between runs
 * @param logDir one log file per process, {@code <process>.log}
 * @param portOffset added to every default port: Kafka 9092, registry 8081, the services 8080 and 8082-8086
 * @param services the services to start (Kafka and the registry always start)
 * @param environment extra environment variables per service (override the launcher's own, e.g. the port)
 * @param systemProperties extra {@code -Dname=value} per service (Micronaut reads them as configuration)
 * @param heapMegabytes {@code -Xmx} per service in MiB; a service not listed gets {@link #DEFAULT_HEAP_MB}
 *                      (order-intake {@link #ORDER_INTAKE_HEAP_MB})
 * @param build build the modules that are missing or older than their sources before starting
 * @param startTimeout how long each step (Kafka and registry, provisioning, each service's health) may take
 * @param stopTimeout how long {@link Stack#close()} waits after SIGTERM before SIGKILL
 * @param progress where the launcher prints what it does (build steps, starts, health); never null
 * @param imagesDir null: run each service from its built classes; else run each from its container image
 *                  (as {@code bin/restock images} builds it), unpacked under this directory ({@link ContainerImage})
 */
public record StackOptions(Path rootDir, Path dataDir, Path logDir, int portOffset, Set<Service> services,
                           Map<Service, Map<String, String>> environment,
                           Map<Service, Map<String, String>> systemProperties,
                           Map<Service, Integer> heapMegabytes, boolean build, Duration startTimeout,
                           Duration stopTimeout, PrintStream progress, Path imagesDir) {

    /** {@code -Xmx} of a service when {@link #heapMegabytes()} does not name it. */
    public static final int DEFAULT_HEAP_MB = 192;
    /**
     * order-intake's {@code -Xmx} when not named: its idempotency guard remembers up to 1,000,000 keys at ~335
     * bytes each (order-intake README, "Idempotency"), more than {@link #DEFAULT_HEAP_MB} holds.
     */
    public static final int ORDER_INTAKE_HEAP_MB = 512;

    public StackOptions {
        rootDir = rootDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
        if (portOffset < 0 || portOffset + 9092 > 65_535) {
            throw new IllegalArgumentException("port offset " + portOffset + " puts ports outside 0-65535");
        }
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        environment = copy(environment);
        systemProperties = copy(systemProperties);
        heapMegabytes = Map.copyOf(heapMegabytes);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * Everything on the documented ports, data in {@code <root>/.restock/data}, logs in
     * {@code <root>/.restock/logs}, all six services, building what is missing, progress on stdout.
     */
    public static StackOptions defaults(final Path rootDir) {
        final Path work = rootDir.resolve(".restock");
        return new StackOptions(rootDir, work.resolve("data"), work.resolve("logs"), 0, EnumSet.allOf(Service.class),
                Map.of(), Map.of(), Map.of(), true, Duration.ofSeconds(300), Duration.ofSeconds(30), System.out, null);
    }

    public StackOptions withDataDir(final Path dir) {
        return new StackOptions(rootDir, dir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withLogDir(final Path dir) {
        return new StackOptions(rootDir, dataDir, dir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withPortOffset(final int offset) {
        return new StackOptions(rootDir, dataDir, logDir, offset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withServices(final Set<Service> only) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, only, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, progress, imagesDir);
    }

    /** Adds (or replaces) one environment variable of one service's process. */
    public StackOptions withEnvironment(final Service service, final String name, final String value) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services,
                put(environment, service, name, value), systemProperties, heapMegabytes, build, startTimeout,
                stopTimeout, progress, imagesDir);
    }

    /** Adds (or replaces) one environment variable of every service's process. */
    public StackOptions withEnvironment(final String name, final String value) {
        StackOptions options = this;
        for (final Service service : Service.values()) {
            options = options.withEnvironment(service, name, value);
        }
        return options;
    }

    /** Adds (or replaces) one {@code -Dname=value} of one service's process. */
    public StackOptions withSystemProperty(final Service service, final String name, final String value) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment,
                put(systemProperties, service, name, value), heapMegabytes, build, startTimeout, stopTimeout,
                progress, imagesDir);
    }

    public StackOptions withHeapMegabytes(final Service service, final int megabytes) {
        final Map<Service, Integer> heaps = new EnumMap<>(Service.class);
        heaps.putAll(heapMegabytes);
        heaps.put(service, megabytes);
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heaps, build, startTimeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withBuild(final boolean buildMissing) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, buildMissing, startTimeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withStartTimeout(final Duration timeout) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, timeout, stopTimeout, progress, imagesDir);
    }

    public StackOptions withStopTimeout(final Duration timeout) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, timeout, progress, imagesDir);
    }

    public StackOptions withProgress(final PrintStream out) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, out, imagesDir);
    }

    /** Runs each service from its container image unpacked under {@code dir} (see {@link ContainerImage}). */
    public StackOptions withImages(final Path dir) {
        return new StackOptions(rootDir, dataDir, logDir, portOffset, services, environment, systemProperties,
                heapMegabytes, build, startTimeout, stopTimeout, progress, dir.toAbsolutePath().normalize());
    }

    /** Kafka's client port: 9092 + offset. */
    public int kafkaPort() {
        return Service.KAFKA_PORT + portOffset;
    }

    /** The schema registry's HTTP port: 8081 + offset. */
    public int registryPort() {
        return Service.REGISTRY_PORT + portOffset;
    }

    /** A service's HTTP port: its default + offset, unless its environment sets {@code <PREFIX>_PORT}. */
    public int port(final Service service) {
        final String configured = environment.getOrDefault(service, Map.of()).get(service.portVariable());
        return configured == null ? service.defaultPort() + portOffset : Integer.parseInt(configured);
    }

    /** {@code -Xmx} of a service in MiB. */
    public int heapMegabytes(final Service service) {
        return heapMegabytes.getOrDefault(service,
                service == Service.ORDER_INTAKE ? ORDER_INTAKE_HEAP_MB : DEFAULT_HEAP_MB);
    }

    private static Map<Service, Map<String, String>> copy(final Map<Service, Map<String, String>> source) {
        final Map<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
        source.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
        return Map.copyOf(copy);
    }

    private static Map<Service, Map<String, String>> put(final Map<Service, Map<String, String>> source,
                                                         final Service service, final String name,
                                                         final String value) {
        final Map<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
        copy.putAll(source);
        final Map<String, String> values = new LinkedHashMap<>(source.getOrDefault(service, Map.of()));
        values.put(name, value);
        copy.put(service, values);
        return copy;
    }
}
