package io.restock.kafkatest;

import io.micronaut.context.ApplicationContext;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's shipped application.yml as Micronaut resolves it at start (placeholders, environment variables; no
 * environment deduced, no bean made), for the tests that pin a service's defaults: with nothing set, a service must
 * start against the local Kafka and registry, and its defaults must survive Micronaut's placeholder syntax (a default
 * containing ':' needs backticks).
 */
public final class ShippedConfiguration {

    private ShippedConfiguration() {
    }

    /** A property of the shipped configuration, resolved. */
    public static <T> Optional<T> property(final String name, final Class<T> type) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            return context.getEnvironment().start().getProperty(name, type);
        }
    }

    /**
     * With nothing set, {@code <service>.kafka} names the local Kafka ({@code 127.0.0.1:9092}) and registry, or what
     * {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL} say where the test runs.
     */
    public static void assertLocalKafkaAndRegistry(final String service) {
        assertThat(property(service + ".kafka.bootstrap-servers", String.class))
                .contains(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        assertThat(property(service + ".kafka.schema-registry-url", String.class))
                .contains(System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7"));
    }

    /**
     * With nothing set, a Kafka Streams service names itself to its other instances as {@code 127.0.0.1:<HTTP port>},
     * or as what {@code <SERVICE>_ADVERTISED_SERVER} says where the test runs: {@code resolve} (the service's rule,
     * service-support's {@code AdvertisedServer.resolve}) applied to the shipped
     * {@code <service>.streams.application-server} and {@code micronaut.server.port} must give that.
     */
    public static void assertAdvertisedServerIsLoopbackAtTheHttpPort(final String service,
                                                                     final BiFunction<String, Integer, String> resolve) {
        final String configured = property(service + ".streams.application-server", String.class).orElse(null);
        final int port = property("micronaut.server.port", Integer.class).orElseThrow();
        final String advertised = System.getenv().getOrDefault(
                service.toUpperCase(Locale.ROOT).replace('-', '_') + "_ADVERTISED_SERVER", "");
        assertThat(resolve.apply(configured, port))
                .isEqualTo(advertised.isBlank() ? "127.0.0.1:" + port : advertised.trim());
    }
}
