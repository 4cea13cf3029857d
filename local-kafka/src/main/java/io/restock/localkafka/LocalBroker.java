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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
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
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final Path dataDir;
    private boolean closed;

    /**
     * How to start the broker.
     *
     * @param port client port on 127.0.0.1; 0 picks a free one
     * @param dataDir Kafka's log directory (its data); formatted on first use
     * @param readyTimeout how long {@link #start} waits for the broker to answer an admin client
     */
    public record Settings(int port, Path dataDir, Duration readyTimeout) {

        public static final int DEFAULT_PORT = 9092;

        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        /** Port 9092, a 60 s ready timeout. */
        public static Settings of(final Path dataDir) {
            return new Settings(DEFAULT_PORT, dataDir, Duration.ofSeconds(60));
        }

        public Settings withPort(final int newPort) {
            return new Settings(newPort, dataDir, readyTimeout);
        }
    }

    private LocalBroker(final KafkaRaftServer server, final int port, final int controllerPort,
                        final String clusterId, final Path dataDir) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.dataDir = dataDir;
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
        final Properties config = config(port, controllerPort, settings.dataDir());
        final String clusterId = formatIfNeeded(settings.dataDir(), config);

        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        final LocalBroker broker = new LocalBroker(server, port, controllerPort, clusterId, settings.dataDir());
        try {
            server.startup();
            broker.awaitReady(settings.readyTimeout());
        } catch (final RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {} (cluster {}, data {}) in {} ms", broker.bootstrapServers(), clusterId,
                settings.dataDir(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
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
        return p;
    }

    /** Formats {@code dataDir} unless it already holds {@code meta.properties}; returns the cluster id. */
    private static String formatIfNeeded(final Path dataDir, final Properties config) {
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
                final int exit;
                try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                    exit = StorageTool.execute(
                            new String[] {"format", "--cluster-id", clusterId, "--config", configFile.toString()},
                            print);
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
        final Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
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
