package io.restock.kafkatest;

import io.micronaut.context.ApplicationContext;

import java.util.Optional;

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
}
