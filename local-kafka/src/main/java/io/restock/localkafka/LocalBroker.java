package io.restock.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>Listens on {@code 127.0.0.1} only. Storage is formatted with the production metadata version the
 * first time a data directory is used; later starts reuse it, so topics and records survive restarts.
 * Every replication factor and {@code min.insync.replicas} is 1, so idempotent and transactional
 * producers (exactly-once) work; topics are never created implicitly.
 *
 * <p>By default the client listener is {@code PLAINTEXT} with no authorizer. With {@link Settings#withSasl} it
 * is {@code SASL_PLAINTEXT} with {@code SCRAM-SHA-512} and the {@code StandardAuthorizer} denies whatever no ACL
 * allows; the admin principal is the only super user, and its SCRAM credential is written when the storage
 * is formatted (so a data directory formatted without SASL cannot later be started with it). Clients
 * connect with {@link #clientProperties()} (the admin) or {@link Sasl#clientProperties(String, String)}.
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Path dataDir;
    private final Sasl sasl;
    private boolean closed;

    /**
     * How to start the broker.
     *
     * @param port client port on 127.0.0.1; 0 picks a free one
     * @param dataDir Kafka's log directory (its data); formatted on first use
     * @param readyTimeout how long {@link #start} waits for the broker to answer an admin client
     * @param sasl SASL/SCRAM and ACLs, or {@code null} for the plain listener without authorization (the default)
     */
    public record Settings(int port, Path dataDir, Duration readyTimeout, Sasl sasl) {

        public static final int DEFAULT_PORT = 9092;

        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        /** A plain broker: no authentication, no authorizer. */
        public Settings(final int port, final Path dataDir, final Duration readyTimeout) {
            this(port, dataDir, readyTimeout, null);
        }

        /** Port 9092, a 60 s ready timeout, plain. */
        public static Settings of(final Path dataDir) {
            return new Settings(DEFAULT_PORT, dataDir, Duration.ofSeconds(60));
        }

        public Settings withPort(final int newPort) {
            return new Settings(newPort, dataDir, readyTimeout, sasl);
        }

        /** The client listener authenticates with SCRAM-SHA-512 and the StandardAuthorizer enforces ACLs. */
        public Settings withSasl(final Sasl newSasl) {
            return new Settings(port, dataDir, readyTimeout, newSasl);
        }
    }

    /**
     * SASL/SCRAM authentication with ACL authorization.
     *
     * <p>The client (and inter-broker) listener takes {@value #MECHANISM}; the controller listener
     * (broker-to-controller, same JVM) takes {@code PLAIN} with the same admin user from a static JAAS line,
     * so the quorum does not depend on credentials stored in the metadata it serves. {@code User:<adminUser>}
     * is the only super user.
     *
     * @param adminUser the broker's own and the operator's principal name: letters, digits, '.', '_', '-'
     * @param adminPassword its password, the same characters (it goes into JAAS lines and {@code --add-scram})
     */
    public record Sasl(String adminUser, String adminPassword) {

        public static final String MECHANISM = "SCRAM-SHA-512";
        public static final String PROTOCOL = "SASL_PLAINTEXT";
        /** The smallest iteration count Kafka accepts for SCRAM-SHA-512; this is a local broker. */
        static final int ITERATIONS = 4096;

        private static final Pattern ADMIN_SECRET = Pattern.compile("[A-Za-z0-9._-]+");

        public Sasl {
            for (final String value : new String[] {adminUser, adminPassword}) {
                if (value == null || !ADMIN_SECRET.matcher(value).matches()) {
                    throw new IllegalArgumentException("the admin user and password may hold only letters, digits, "
                            + "'.', '_' and '-'");
                }
            }
        }

        /** Admin {@code admin} with a random password. */
        public static Sasl withRandomAdminPassword() {
            return new Sasl("admin", Uuid.randomUuid().toString());
        }

        /** The security settings of a client that logs in as {@code user} (no bootstrap servers). */
        public static Map<String, Object> clientProperties(final String user, final String password) {
            requireJaasSafe("user", user);
            requireJaasSafe("password", password);
            return Map.of(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL,
                    SaslConfigs.SASL_MECHANISM, MECHANISM,
                    SaslConfigs.SASL_JAAS_CONFIG, jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                            user, password, ""));
        }

        private static String jaas(final String module, final String user, final String password,
                                   final String extra) {
            return module + " required username=\"" + user + "\" password=\"" + password + "\"" + extra + ";";
        }

        private static void requireJaasSafe(final String what, final String value) {
            if (value == null || value.isEmpty() || value.contains("\"") || value.contains("\\")
                    || value.contains(";")) {
                throw new IllegalArgumentException(what + " must be non-empty, without '\"', '\\' or ';'");
            }
        }
    }

    private LocalBroker(final KafkaRaftServer server, final int port, final int controllerPort,
                        final String clusterId, final Path dataDir, final Sasl sasl) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.dataDir = dataDir;
        this.sasl = sasl;
    }

    /**
     * Formats storage if needed, starts the broker and returns once an admin client can describe the cluster.
     *
     * @throws Ports.PortInUseException when the client port is taken
     * @throws IllegalStateException when the broker does not start or become ready in time
     */
    public static LocalBroker start(final Settings settings) {
        if (settings.port() != 0) {
            Ports.requireFree(settings.port(), "is another Kafka running?", "--port");
        }
        final long started = System.nanoTime();
        final int port = Ports.resolve(settings.port());
        final int controllerPort = Ports.pickFree();
        final Properties config = config(port, controllerPort, settings.dataDir(), settings.sasl());
        final String clusterId = formatIfNeeded(settings.dataDir(), config, settings.sasl());

        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        final LocalBroker broker = new LocalBroker(server, port, controllerPort, clusterId, settings.dataDir(),
                settings.sasl());
        try {
            server.startup();
            broker.awaitReady(settings.readyTimeout());
        } catch (final RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {}{} (cluster {}, data {}) in {} ms", broker.bootstrapServers(),
                settings.sasl() == null ? "" : " (SASL " + Sasl.MECHANISM + ", ACLs, super user "
                        + settings.sasl().adminUser() + ")",
                clusterId, settings.dataDir(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return broker;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id written into the data directory when it was formatted. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The SASL settings it was started with, if any. */
    public Optional<Sasl> sasl() {
        return Optional.ofNullable(sasl);
    }

    /**
     * What a client needs to reach this broker as its most privileged user: the bootstrap servers and, with
     * SASL, the admin's login. A mutable copy: add the client's own settings.
     */
    public Map<String, Object> clientProperties() {
        final Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (sasl != null) {
            properties.putAll(Sasl.clientProperties(sasl.adminUser(), sasl.adminPassword()));
        }
        return properties;
    }

    /**
     * Creates or replaces a SCRAM-SHA-512 credential, as {@code kafka-configs.sh --alter --entity-type users
     * --add-config 'SCRAM-SHA-512=[password=…]'} does, and returns once the broker authenticates with it.
     *
     * @throws IllegalStateException when the broker runs without SASL or does not take the credential in time
     */
    public void upsertScramUser(final String user, final String password) {
        if (sasl == null) {
            throw new IllegalStateException("this broker runs without SASL: there are no SCRAM users");
        }
        Sasl.requireJaasSafe("user", user);
        final Map<String, Object> adminConfig = clientProperties();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(adminConfig)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, Sasl.ITERATIONS), password)))
                    .all().get(15, TimeUnit.SECONDS);
            // The controller has it; wait until the broker's metadata (which authenticates clients) has it too.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                try {
                    admin.describeUserScramCredentials(List.of(user)).description(user).get(5, TimeUnit.SECONDS);
                    return;
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof ResourceNotFoundException)) {
                        throw e;
                    }
                }
            }
            throw new IllegalStateException("the broker did not take the SCRAM credential of " + user + " in 15 s");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding SCRAM user " + user, e);
        } catch (final ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot add SCRAM user " + user + ": " + e, e);
        }
    }

    /** Stops the broker and waits until it has shut down; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    static Properties config(final int port, final int controllerPort, final Path dataDir) {
        return config(port, controllerPort, dataDir, null);
    }

    static Properties config(final int port, final int controllerPort, final Path dataDir, final Sasl sasl) {
        final Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + Ports.HOST + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":"
                        + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A dev box: few threads, small segments and indexes, a small cleaner buffer.
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("background.threads", "4"),
                Map.entry("log.segment.bytes", String.valueOf(16 * 1024 * 1024)),
                Map.entry("log.index.size.max.bytes", String.valueOf(1024 * 1024)),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                Map.entry("log.retention.hours", "168")));
        if (sasl != null) {
            p.putAll(saslConfig(port, controllerPort, sasl));
        }
        return p;
    }

    /** Replaces the listeners with SASL ones and turns the authorizer on. */
    private static Map<String, String> saslConfig(final int port, final int controllerPort, final Sasl sasl) {
        final String user = sasl.adminUser();
        final String password = sasl.adminPassword();
        return Map.ofEntries(
                Map.entry("listeners", Sasl.PROTOCOL + "://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST
                        + ":" + controllerPort),
                Map.entry("advertised.listeners", Sasl.PROTOCOL + "://" + Ports.HOST + ":" + port),
                Map.entry("listener.security.protocol.map",
                        Sasl.PROTOCOL + ":" + Sasl.PROTOCOL + ",CONTROLLER:" + Sasl.PROTOCOL),
                Map.entry("inter.broker.listener.name", Sasl.PROTOCOL),
                Map.entry("sasl.enabled.mechanisms", Sasl.MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", Sasl.MECHANISM),
                Map.entry("listener.name.sasl_plaintext.sasl.enabled.mechanisms", Sasl.MECHANISM),
                Map.entry("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                        Sasl.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password, "")),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("listener.name.controller.plain.sasl.jaas.config",
                        Sasl.jaas("org.apache.kafka.common.security.plain.PlainLoginModule", user, password,
                                " user_" + user + "=\"" + password + "\"")),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", "User:" + user),
                Map.entry("allow.everyone.if.no.acl.found", "false"));
    }

    /** Formats {@code dataDir} unless it already holds {@code meta.properties}; returns the cluster id. */
    private static String formatIfNeeded(final Path dataDir, final Properties config, final Sasl sasl) {
        final Path meta = dataDir.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            return readClusterId(meta);
        }
        final String clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(dataDir);
            final Path configFile = Files.createTempFile("restock-kafka-", ".properties");
            try {
                try (Writer out = Files.newBufferedWriter(configFile)) {
                    config.store(out, "Restock local broker");
                }
                final ByteArrayOutputStream output = new ByteArrayOutputStream();
                final List<String> arguments = new ArrayList<>(
                        List.of("format", "--cluster-id", clusterId, "--config", configFile.toString()));
                if (sasl != null) {
                    // The broker logs in to itself with SCRAM before any admin could create a credential.
                    arguments.addAll(List.of("--add-scram", Sasl.MECHANISM + "=[name=" + sasl.adminUser()
                            + ",iterations=" + Sasl.ITERATIONS + ",password=" + sasl.adminPassword() + "]"));
                }
                final int exit;
                try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                    exit = StorageTool.execute(arguments.toArray(String[]::new), print);
                }
                final String text = output.toString(StandardCharsets.UTF_8).strip();
                if (exit != 0) {
                    throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + text);
                }
                LOG.info("Formatted Kafka storage in {} (cluster {})", dataDir, clusterId);
                LOG.debug("StorageTool said: {}", text);
            } finally {
                Files.deleteIfExists(configFile);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + dataDir, e);
        }
        return clusterId;
    }

    private static String readClusterId(final Path meta) {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        final String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null) {
            throw new IllegalStateException(meta + " has no cluster.id: delete the data directory to start afresh");
        }
        return clusterId;
    }

    private void awaitReady(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<String, Object> adminConfig = clientProperties();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        RuntimeException last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get();
                    return;
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka on " + bootstrapServers(), e);
                } catch (final Exception e) {
                    last = new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not become ready within "
                + timeout.toSeconds() + " s", last);
    }
}
