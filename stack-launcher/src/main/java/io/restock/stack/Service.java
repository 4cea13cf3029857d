package io.restock.stack;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The six Restock services the launcher runs, each as its own process, with its documented HTTP port
 * (before {@link StackOptions#portOffset()}) and the environment variables its {@code application.yml} reads
 * for the port and the state directory. backorder-kpis (operators' KPIs, lag and dashboard) comes last: it reads
 * the others' topics and shows their health.
 */
public enum Service {
    ORDER_INTAKE("order-intake", 8080, "io.restock.orderintake.Application", true),
    INVENTORY_STREAM("inventory-stream", 8082, "io.restock.inventory.Application", true),
    BACKORDER_PROCESSOR("backorder-processor", 8083, "io.restock.backorder.Application", true),
    SUPPLIER_GATEWAY("supplier-gateway", 8084, "io.restock.suppliergateway.Application", true),
    NOTIFIER("notifier", 8085, "io.restock.notifier.Application", true),
    BACKORDER_KPIS("backorder-kpis", 8086, "io.restock.kpis.Application", true);

    /** Kafka's client port before the offset. */
    public static final int KAFKA_PORT = 9092;
    /** The schema registry's HTTP port before the offset. */
    public static final int REGISTRY_PORT = 8081;

    private final String id;
    private final int defaultPort;
    private final String mainClass;
    private final boolean runsKafkaStreams;

    Service(final String id, final int defaultPort, final String mainClass, final boolean runsKafkaStreams) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.mainClass = mainClass;
        this.runsKafkaStreams = runsKafkaStreams;
    }

    /** The Maven module, application id and process name, e.g. {@code order-intake}. */
    public String id() {
        return id;
    }

    /** The documented HTTP port (API, {@code /health}, {@code /prometheus}) before the offset. */
    public int defaultPort() {
        return defaultPort;
    }

    public String mainClass() {
        return mainClass;
    }

    /** True when {@code /health} is UP only once its Kafka Streams application is RUNNING. */
    public boolean runsKafkaStreams() {
        return runsKafkaStreams;
    }

    /** The prefix of its environment variables, e.g. {@code ORDER_INTAKE}. */
    public String envPrefix() {
        return id.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code <PREFIX>_PORT}: the HTTP port its application.yml reads. */
    public String portVariable() {
        return envPrefix() + "_PORT";
    }

    /** {@code <PREFIX>_URL}: where backorder-kpis' dashboard reads this service's health and metrics. */
    public String urlVariable() {
        return envPrefix() + "_URL";
    }

    /** {@code <PREFIX>_STATE_DIR}: its Kafka Streams state directory. */
    public String stateDirVariable() {
        return envPrefix() + "_STATE_DIR";
    }

    /**
     * The environment the service's process gets to run on a given Kafka and registry: the one definition
     * {@code bin/restock up} starts services with and docker-compose.yml is checked against
     * ({@code DockerComposeTest}).
     *
     * @param host the host name other instances reach this one by ({@code <ADVERTISED_SERVER>}'s host)
     */
    public Map<String, String> environment(final String bootstrapServers, final String schemaRegistryUrl,
                                           final int port, final String stateDir, final String host) {
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("SCHEMA_REGISTRY_URL", schemaRegistryUrl);
        environment.put(portVariable(), String.valueOf(port));
        environment.put(stateDirVariable(), stateDir);
        if (this != NOTIFIER) {
            environment.put(envPrefix() + "_ADVERTISED_SERVER", host + ":" + port);
        }
        if (this == BACKORDER_KPIS || this == ORDER_INTAKE) {
            // The services it calls (backorder-kpis: all; order-intake: inventory-stream, for the availability
            // quote), at the same port offset: on this host when it is a loopback address (bin/restock up), else by
            // their service names (docker-compose: one host name per service).
            final boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
            for (final Service other : values()) {
                if (other != this && (this == BACKORDER_KPIS || other == INVENTORY_STREAM)) {
                    environment.put(other.urlVariable(), "http://" + (loopback ? host : other.id) + ":"
                            + (other.defaultPort + port - defaultPort));
                }
            }
        }
        return environment;
    }

    /** The service whose {@link #id()} is {@code id}. */
    public static Service of(final String id) {
        for (final Service service : values()) {
            if (service.id.equals(id)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service '" + id + "'; one of: order-intake, inventory-stream, "
                + "backorder-processor, supplier-gateway, notifier, backorder-kpis");
    }
}
