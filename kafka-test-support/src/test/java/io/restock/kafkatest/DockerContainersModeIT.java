package io.restock.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.restock.kafkatest.KafkaEnvironment.Mode;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Runs only where Docker answers (never on the project's own machines, which have no Docker engine). */
@EnabledIf("io.restock.kafkatest.KafkaEnvironments#dockerAvailable")
class DockerContainersModeIT {

    @Test
    void startsKafkaAndTheRegistryInContainers() throws Exception {
        final Properties props = new Properties();
        props.setProperty(KafkaEnvironments.MODE_PROPERTY, "testcontainers");
        try (KafkaEnvironments.Provisioned provisioned = KafkaEnvironments.provision(
                KafkaEnvironments.choose(java.util.Map.of(), props, KafkaEnvironments::dockerAvailable))) {
            final KafkaEnvironment kafka = provisioned.environment();
            assertThat(kafka.mode()).isEqualTo(Mode.TESTCONTAINERS);
            try (Admin admin = Admin.create(kafka.adminProperties())) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }
}
