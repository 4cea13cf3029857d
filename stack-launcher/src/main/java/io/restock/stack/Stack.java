package io.restock.stack;

import io.restock.schemas.provisioning.ProvisioningException;
import io.restock.schemas.provisioning.ProvisioningReport;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running Restock: the local Kafka broker and schema registry (one process, local-kafka's launcher, whose child
 * is the registry) and the selected services, each its own {@code java} process, all started by
 * {@link #start(StackOptions)} and stopped by {@link #close()}.
 *
 * <p>Every child runs under {@link ParentWatch}, so it stops by itself when this JVM dies, even by SIGKILL; the
 * pids are also written to {@code <data dir>/stack.pids}, and the next start stops any survivor it lists.
 * A JVM shutdown hook closes the stack if this JVM is asked to stop (Ctrl-C, SIGTERM) before {@link #close()}.
 */
public final class Stack implements AutoCloseable {

    /** Process names, as in {@link #pids()} and {@link Endpoints#logFiles()}. */
    public static final String KAFKA = "kafka";
    public static final String SCHEMA_REGISTRY = "schema-registry";

    private static final int LOG_TAIL_LINES = 30;

    private final StackOptions options;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private final Map<String, Path> logFiles = new LinkedHashMap<>();
    private final Map<Service, URI> serviceUrls = new EnumMap<>(Service.class);
    private final Map<String, LaunchSpec> launchSpecs = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "restock-stack-stopper");
    private ProcessHandle registry;
    private Duration startupTime = Duration.ZERO;
    private boolean closed;

    private Stack(final StackOptions options) {
        this.options = options;
    }

    /**
     * Builds what is missing (when {@link StackOptions#build()}), starts Kafka and the registry, provisions topics
     * and schemas, starts the services and returns once every one is healthy.
     *
     * @throws StackStartException with the failing step and the last lines of its log, after stopping whatever
     *                             had been started
     */
    public static Stack start(final StackOptions options) {
        final long started = System.nanoTime();
        final Stack stack = new Stack(options);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            StalePids.stopLeftovers(options.dataDir(), options.progress());
            if (options.build()) {
                new ModuleBuild(options.rootDir(), options.progress()).buildMissing(options.services());
            }
            stack.startKafka();
            stack.provision();
            stack.startServices();
            stack.startupTime = Duration.ofNanos(System.nanoTime() - started);
            return stack;
        } catch (final RuntimeException e) {
            stack.close();
            throw e instanceof StackStartException ? e : new StackStartException(e.getMessage(), e);
        }
    }

    /** Where everything is: service URLs, Kafka, the registry, log files. */
    public Endpoints endpoints() {
        return new Endpoints(serviceUrls, "127.0.0.1:" + options.kafkaPort(),
                "http://127.0.0.1:" + options.registryPort() + "/apis/ccompat/v7", logFiles);
    }

    /** Each process's pid by name ({@link #KAFKA}, {@link #SCHEMA_REGISTRY}, service ids). */
    public synchronized Map<String, Long> pids() {
        final Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((name, process) -> pids.put(name, process.pid()));
        if (registry != null) {
            pids.put(SCHEMA_REGISTRY, registry.pid());
        }
        return pids;
    }

    /**
     * Each process's peak resident set size in KiB ({@code VmHWM} of {@code /proc/<pid>/status}), read now for a
     * live process and as last read for one that has exited ({@link #close()} reads them all before stopping).
     * Empty where {@code /proc} does not exist.
     */
    public Map<String, Long> peakRssKb() {
        pids().forEach((name, pid) -> ProcessMemory.peakRssKb(pid).ifPresent(kb -> peakRss.merge(name, kb, Math::max)));
        return Map.copyOf(peakRss);
    }

    /** How long {@link #start(StackOptions)} took, build included. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops every process: the services first (SIGTERM, then SIGKILL after {@link StackOptions#stopTimeout()}),
     * then Kafka and the registry. Returns once every process has exited. Idempotent.
     */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException shuttingDown) {
            // the hook is running: it stops the same processes
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        peakRssKb();
        final List<CompletableFuture<Void>> stops = new ArrayList<>();
        processes.forEach((name, process) -> {
            if (!KAFKA.equals(name)) {
                stops.add(CompletableFuture.runAsync(() -> stop(name, process.toHandle())));
            }
        });
        stops.forEach(CompletableFuture::join);
        final Process kafka = processes.get(KAFKA);
        if (kafka != null) {
            final List<ProcessHandle> descendants = kafka.descendants().toList();
            stop(KAFKA, kafka.toHandle());
            descendants.forEach(child -> stop(SCHEMA_REGISTRY, child));
        }
        StalePids.clear(options.dataDir());
    }

    private void stop(final String name, final ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (final java.util.concurrent.TimeoutException e) {
            options.progress().println("  " + name + " (pid " + process.pid() + ") did not stop within "
                    + options.stopTimeout().toSeconds() + " s: killing it");
            process.destroyForcibly();
            process.onExit().join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (final java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startKafka() {
        final Path logFile = options.logDir().resolve("kafka-launcher.log");
        final Path localKafka = options.rootDir().resolve("local-kafka").resolve("target");
        final List<String> command = Launch.javaCommand(options.rootDir(), 256, Map.of(),
                Launch.moduleCode(localKafka, "local-kafka") + java.io.File.pathSeparator + localKafka.resolve("lib")
                        + "/*",
                "io.restock.localkafka.Main", cdsArchive(KAFKA));
        command.addAll(List.of("--port", String.valueOf(options.kafkaPort()),
                "--registry-port", String.valueOf(options.registryPort()),
                "--data-dir", options.dataDir().toString(), "--log-dir", options.logDir().toString()));
        options.progress().println("Starting Kafka on 127.0.0.1:" + options.kafkaPort()
                + " and the schema registry on 127.0.0.1:" + options.registryPort() + " ...");
        final Process kafka = launch(KAFKA, command, Map.of(), logFile);
        logFiles.put(KAFKA, options.logDir().resolve("kafka.log"));
        logFiles.put(SCHEMA_REGISTRY, options.logDir().resolve("schema-registry.log"));
        logFiles.put("kafka-launcher", logFile);
        final URI ready = URI.create(endpoints().schemaRegistryUrl() + "/subjects");
        Health.await(KAFKA, kafka, logFile, options.startTimeout(), () -> Health.answers200(ready));
        synchronized (this) {
            registry = kafka.descendants().findFirst().orElse(null);
        }
        StalePids.write(options.dataDir(), pids());
    }

    private void provision() {
        options.progress().println("Provisioning topics and schemas ...");
        final String bootstrap = endpoints().bootstrapServers();
        final Duration timeout = options.startTimeout();
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(bootstrap, timeout))) {
            final var provisioner = new TopicProvisioner(admin,
                    new HttpSchemaRegistryClient(endpoints().schemaRegistryUrl(), timeout), timeout, bootstrap);
            final ProvisioningReport report = provisioner.provision(Topics.ALL);
            options.progress().println("  topics created: " + report.created().size() + ", already there: "
                    + report.unchanged().size() + "; schema subjects registered: " + report.subjects().size());
            report.drift().forEach(drift -> options.progress().println("  drift (not changed, fix by hand): " + drift));
        } catch (final ProvisioningException e) {
            throw new StackStartException("provisioning failed: " + e.getMessage(), e);
        }
    }

    private void startServices() {
        final Map<Service, Process> started = new EnumMap<>(Service.class);
        for (final Service service : Service.values()) {
            if (!options.services().contains(service)) {
                continue;
            }
            final int port = options.port(service);
            if (!Launch.isFree(port)) {
                throw new StackStartException("port " + port + " for " + service.id()
                        + " is already in use: is another Restock running? (bin/restock down, or --port-offset)");
            }
            final Path logFile = options.logDir().resolve(service.id() + ".log");
            final List<String> command;
            final Map<String, String> environment = new LinkedHashMap<>();
            final String stateDir;
            if (options.imagesDir() == null) {
                final Path target = options.rootDir().resolve(service.id()).resolve("target");
                final String classpath = Launch.moduleCode(target, service.id()) + java.io.File.pathSeparator
                        + ModuleBuild.readClasspath(target.resolve("classpath.txt"));
                command = Launch.javaCommand(options.rootDir(), options.heapMegabytes(service),
                        options.systemProperties().getOrDefault(service, Map.of()), classpath, service.mainClass(),
                        cdsArchive(service.id()));
                stateDir = options.dataDir().resolve("state").resolve(service.id()).toString();
            } else {
                options.progress().println("Unpacking " + service.id() + "'s image ...");
                final ContainerImage image = ContainerImage.unpack(
                        ContainerImage.tarOf(options.rootDir(), service), options.imagesDir().resolve(service.id()));
                command = image.command();
                environment.putAll(image.env());
                final StringBuilder jvm = new StringBuilder("-Xmx" + options.heapMegabytes(service) + "m");
                options.systemProperties().getOrDefault(service, Map.of())
                        .forEach((name, value) -> jvm.append(" -D").append(name).append('=').append(value));
                environment.put("JAVA_TOOL_OPTIONS", jvm.toString());
                stateDir = "/var/lib/restock/" + service.id();
            }
            environment.putAll(service.environment(endpoints().bootstrapServers(), endpoints().schemaRegistryUrl(),
                    port, stateDir, "127.0.0.1"));
            environment.putAll(options.environment().getOrDefault(service, Map.of()));
            options.progress().println("Starting " + service.id() + " on http://127.0.0.1:" + port + " ...");
            started.put(service, launch(service.id(), command, environment, logFile));
            logFiles.put(service.id(), logFile);
            synchronized (this) {
                serviceUrls.put(service, URI.create("http://127.0.0.1:" + port));
            }
        }
        StalePids.write(options.dataDir(), pids());
        final long waitStarted = System.nanoTime();
        started.forEach((service, process) -> {
            final URI health = endpoints().health(service);
            Health.await(service.id(), process, logFiles.get(service.id()), options.startTimeout(),
                    () -> Health.isUp(health));
            options.progress().printf("  %s healthy (%.1f s)%n", service.id(),
                    (System.nanoTime() - waitStarted) / 1e9);
        });
    }

    private synchronized Process launch(final String name, final List<String> command,
                                        final Map<String, String> environment, final Path logFile) {
        if (closed) {
            throw new StackStartException("the stack is stopping");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== restock: " + name + " starting at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(options.rootDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            final Process process = builder.start();
            processes.put(name, process);
            launchSpecs.put(name, new LaunchSpec(List.copyOf(command), Map.copyOf(environment), logFile));
            return process;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    // ---- Fault operations (the fault verifier's): kill, restart, pause, resume, broker restart ----

    /** How a process was started, to start it again the same way ({@link #restart}, {@link #restartBroker}). */
    private record LaunchSpec(List<String> command, Map<String, String> environment, Path logFile) {
    }

    /**
     * Kills a service's process with SIGKILL (no shutdown hook runs, an open transaction stays open) and returns
     * once it has exited. A service already gone is left as it is.
     */
    public void kill(final Service service) {
        final Process process = process(service.id());
        process.toHandle().destroyForcibly();
        process.onExit().join();
    }

    /**
     * Starts a service that is not running (after {@link #kill}) again with the same command, environment and
     * log file, and returns once its {@code /health} is UP.
     *
     * @throws IllegalStateException when it is still running
     * @throws StackStartException   when it does not become healthy within {@link StackOptions#startTimeout()}
     */
    public void restart(final Service service) {
        if (process(service.id()).isAlive()) {
            throw new IllegalStateException(service.id() + " is still running: kill it first");
        }
        final LaunchSpec spec = launchSpecs.get(service.id());
        final Process process = launch(service.id(), spec.command(), spec.environment(), spec.logFile());
        StalePids.write(options.dataDir(), pids());
        Health.await(service.id(), process, spec.logFile(), options.startTimeout(),
                () -> Health.isUp(endpoints().health(service)));
    }

    /**
     * Stops a service's process with SIGSTOP: it holds its sockets and transactions but runs nothing. Returns once the
     * kernel reports the process stopped: a signal is delivered asynchronously, and on a busy machine the process ran
     * on for a moment after {@code kill} returned.
     */
    public void pause(final Service service) {
        signal(service, "STOP");
        awaitStopped(service, true);
    }

    /** Lets a {@link #pause paused} service run again (SIGCONT); returns once it is no longer stopped. */
    public void resume(final Service service) {
        signal(service, "CONT");
        awaitStopped(service, false);
    }

    /** Waits up to 10 s until the service's process is (or is no longer) stopped, as {@code /proc} reports it. */
    private void awaitStopped(final Service service, final boolean stopped) {
        final long pid = process(service.id()).pid();
        final Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.isReadable(stat)) {
            return; // no procfs here: the signal was sent, and its delivery cannot be observed
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (isStopped(stat) != stopped) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(service.id() + " (pid " + pid + ") is " + (stopped ? "not" : "still")
                        + " stopped 10 s after its signal");
            }
            try {
                Thread.sleep(10);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.id(), e);
            }
        }
    }

    /** The process's state in {@code /proc/<pid>/stat} (the field after the command name) is {@code T}, stopped. */
    private static boolean isStopped(final Path stat) {
        try {
            final String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) == 'T';
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + stat, e);
        }
    }

    /**
     * Stops the Kafka broker and schema registry process (SIGTERM: a clean broker shutdown; SIGKILL after
     * {@link StackOptions#stopTimeout()}), starts it again on the same ports and data, and returns once the
     * registry answers. The services are left running: they must reconnect by themselves.
     */
    public void restartBroker() {
        final Process kafka = process(KAFKA);
        final List<ProcessHandle> children = kafka.descendants().toList();
        stop(KAFKA, kafka.toHandle());
        children.forEach(child -> stop(SCHEMA_REGISTRY, child));
        final LaunchSpec spec = launchSpecs.get(KAFKA);
        final long readyBefore = readyLines(spec.logFile());
        final Process restarted = launch(KAFKA, spec.command(), spec.environment(), spec.logFile());
        // Ready when the launcher says so (after the broker and the registry's own readiness): the registry can
        // answer before the launcher has given up waiting for it and stops everything.
        Health.await(KAFKA, restarted, spec.logFile(), options.startTimeout(),
                () -> readyLines(spec.logFile()) > readyBefore ? null : "the launcher has not printed 'Ready in' yet");
        synchronized (this) {
            registry = restarted.descendants().findFirst().orElse(null);
        }
        StalePids.write(options.dataDir(), pids());
    }

    /** How many "Ready in" lines local-kafka's launcher has written to its log. */
    private static long readyLines(final Path logFile) {
        try (java.util.stream.Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith("Ready in ")).count();
        } catch (final IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private synchronized Process process(final String name) {
        final Process process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException(name + " is not part of this stack");
        }
        return process;
    }

    private void signal(final Service service, final String signal) {
        final long pid = process(service.id()).pid();
        try {
            final Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .redirectErrorStream(true).start();
            final String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (" + service.id() + ") failed: "
                        + output);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + service.id(), e);
        }
    }

    /**
     * A process's class-data archive, kept in {@code <root>/.restock/cds} across data dirs (the demo's is fresh each
     * run): the JVM writes it while exiting when it is missing or stale, which took over 30 s with five JVMs exiting
     * together on a loaded 2-core machine (the launcher then killed them); with the archive kept, only the first stop
     * after a rebuild pays that.
     */
    private Path cdsArchive(final String name) {
        final Path dir = options.rootDir().resolve(".restock").resolve("cds");
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name + ".jsa");
    }

    // ---- Extra instances and stop/start of one process (pipeline-benchmark). Additive: nothing above changed. ----

    /** The process name of instance {@code instance} (from 1) of a service: its id for the first, else id-n. */
    public static String instanceName(final Service service, final int instance) {
        if (instance < 1) {
            throw new IllegalArgumentException("instances count from 1: " + instance);
        }
        return instance == 1 ? service.id() : service.id() + "-" + instance;
    }

    /**
     * Starts instance {@code instance} (2 or more) of a service, or instance 1 again after
     * {@link #stopProcess(String)}: the same application id and Kafka as the first, its own HTTP {@code port} and
     * state directory ({@code <data dir>/state/<process name>}). Returns its base URL once it is healthy. Runs from
     * the built classes (not {@link StackOptions#imagesDir()}).
     */
    public URI startInstance(final Service service, final int instance, final int port) {
        final String name = instanceName(service, instance);
        synchronized (this) {
            final Process running = processes.get(name);
            if (running != null && running.isAlive()) {
                throw new IllegalStateException(name + " is running already (pid " + running.pid() + ")");
            }
        }
        if (!Launch.isFree(port)) {
            throw new StackStartException("port " + port + " for " + name + " is already in use");
        }
        final Path target = options.rootDir().resolve(service.id()).resolve("target");
        final String classpath = Launch.moduleCode(target, service.id()) + java.io.File.pathSeparator
                + ModuleBuild.readClasspath(target.resolve("classpath.txt"));
        final List<String> command = Launch.javaCommand(options.rootDir(), options.heapMegabytes(service),
                options.systemProperties().getOrDefault(service, Map.of()), classpath, service.mainClass(),
                cdsArchive(service.id()));
        final Map<String, String> environment = new LinkedHashMap<>(options.environment().getOrDefault(service,
                Map.of()));
        environment.putAll(service.environment(endpoints().bootstrapServers(), endpoints().schemaRegistryUrl(), port,
                options.dataDir().resolve("state").resolve(name).toString(), "127.0.0.1"));
        final Path logFile = options.logDir().resolve(name + ".log");
        options.progress().println("Starting " + name + " on http://127.0.0.1:" + port + " ...");
        final long started = System.nanoTime();
        final Process process = launch(name, command, environment, logFile);
        synchronized (this) {
            logFiles.put(name, logFile);
        }
        StalePids.write(options.dataDir(), pids());
        final URI url = URI.create("http://127.0.0.1:" + port);
        Health.await(name, process, logFile, options.startTimeout(), () -> Health.isUp(url.resolve("/health")));
        options.progress().printf("  %s healthy (%.1f s)%n", name, (System.nanoTime() - started) / 1e9);
        return url;
    }

    /**
     * The state directory of a service's instance as {@link #startInstance} and {@link #start} give it (for the first
     * instance, {@code <data dir>/state/<id>}).
     */
    public Path stateDir(final Service service, final int instance) {
        return options.dataDir().resolve("state").resolve(instanceName(service, instance));
    }

    /**
     * Stops one process by name (SIGTERM, then SIGKILL after {@link StackOptions#stopTimeout()}) and returns once it
     * has exited; its peak RSS stays in {@link #peakRssKb()}. Does nothing for a process that is not running.
     */
    public void stopProcess(final String name) {
        final Process process = process(name);
        peakRssKb();
        stop(name, process.toHandle());
    }

    /** The last {@value #LOG_TAIL_LINES} lines of a log file, for failure messages. */
    static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (final IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
