package io.restock.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.restock.kafkatest.KafkaEnvironment.Mode;
import org.junit.jupiter.api.Test;

class KafkaEnvironmentsTest {

    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier DOCKER = () -> true;

    @Test
    void usesAnExternalKafkaWhenTheEnvironmentNamesOne() {
        final var choice = KafkaEnvironments.choose(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "SCHEMA_REGISTRY_URL", "http://registry:8081/apis/ccompat/v7"), new Properties(), DOCKER);

        assertThat(choice.mode()).isEqualTo(Mode.EXTERNAL);
        assertThat(choice.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(choice.schemaRegistryUrl()).isEqualTo("http://registry:8081/apis/ccompat/v7");
    }

    @Test
    void systemPropertiesNameAnExternalKafkaTooAndWinOverTheEnvironment() {
        final Properties props = new Properties();
        props.setProperty("kafka.bootstrap.servers", "from-property:9092");
        props.setProperty("schema.registry.url", "http://from-property:8081/apis/ccompat/v7");

        final var choice = KafkaEnvironments.choose(Map.of("KAFKA_BOOTSTRAP_SERVERS", "from-env:9092"), props,
                NO_DOCKER);

        assertThat(choice.mode()).isEqualTo(Mode.EXTERNAL);
        assertThat(choice.bootstrapServers()).isEqualTo("from-property:9092");
        assertThat(choice.schemaRegistryUrl()).isEqualTo("http://from-property:8081/apis/ccompat/v7");
    }

    @Test
    void refusesAnExternalKafkaWithoutARegistry() {
        assertThatThrownBy(() -> KafkaEnvironments.choose(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"),
                new Properties(), NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SCHEMA_REGISTRY_URL");
    }

    @Test
    void usesContainersWhenDockerIsAvailableAndNothingExternalIsSet() {
        assertThat(KafkaEnvironments.choose(Map.of(), new Properties(), DOCKER).mode())
                .isEqualTo(Mode.TESTCONTAINERS);
    }

    @Test
    void fallsBackToInProcessWithoutDocker() {
        assertThat(KafkaEnvironments.choose(Map.of(), new Properties(), NO_DOCKER).mode())
                .isEqualTo(Mode.IN_PROCESS);
    }

    @Test
    void asksForDockerOnlyWhenNothingElseDecides() {
        final AtomicInteger asked = new AtomicInteger();
        KafkaEnvironments.choose(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r"),
                new Properties(), () -> asked.incrementAndGet() > 0);

        assertThat(asked).hasValue(0);
    }

    @Test
    void theModePropertyForcesAMode() {
        final Properties props = new Properties();
        props.setProperty("restock.kafka.mode", "in-process");

        final var choice = KafkaEnvironments.choose(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "SCHEMA_REGISTRY_URL", "http://registry:8081/apis/ccompat/v7"), props, DOCKER);

        assertThat(choice.mode()).isEqualTo(Mode.IN_PROCESS);
    }

    @Test
    void aForcedModeThatCannotWorkFailsClearly() {
        final Properties containers = new Properties();
        containers.setProperty("restock.kafka.mode", "testcontainers");
        assertThatThrownBy(() -> KafkaEnvironments.choose(Map.of(), containers, NO_DOCKER))
                .hasMessageContaining("Docker is not available");

        final Properties external = new Properties();
        external.setProperty("restock.kafka.mode", "EXTERNAL");
        assertThatThrownBy(() -> KafkaEnvironments.choose(Map.of(), external, DOCKER))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");

        final Properties unknown = new Properties();
        unknown.setProperty("restock.kafka.mode", "cloud");
        assertThatThrownBy(() -> KafkaEnvironments.choose(Map.of(), unknown, DOCKER))
                .hasMessageContaining("not one of external, testcontainers, in-process");
    }

    /**
     * A guard against a hang, not a speed measurement: without Docker the check must give up rather than wait on a
     * socket. The bound is wide because a loaded 2-core machine took 6 s where a quiet one takes 0.2 s.
     */
    @Test
    void theDockerCheckGivesUpInsteadOfHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), KafkaEnvironments::dockerAvailable);
    }
}
