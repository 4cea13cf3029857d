package io.restock.service.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Kafka client of a service logs in the same way, from three settings, or the service does not start. */
class ClientLoginTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"some-service\" password=\"secret\";";

    @Test
    void aPlainListenerAddsNothingToTheClients() {
        final ClientLogin security = new ClientLogin("some-service.kafka", "PLAINTEXT", "", "");

        assertThat(security.properties()).isEmpty();
        assertThat(security.applyTo(Map.of("bootstrap.servers", "b:9092"))).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void saslGivesEveryClientTheProtocolMechanismAndLogin() {
        final ClientLogin security = new ClientLogin("some-service.kafka", "sasl_plaintext", "SCRAM-SHA-512", JAAS);

        assertThat(security.applyTo(Map.of("bootstrap.servers", "b:9092")))
                .containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void saslWithoutALoginOrAnUnknownProtocolFailsAtStartup() {
        assertThatThrownBy(() -> new ClientLogin("some-service.kafka", "SASL_SSL", "SCRAM-SHA-512", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("some-service.kafka.sasl-jaas-config");
        assertThatThrownBy(() -> new ClientLogin("some-service.kafka", "KERBEROS", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("some-service.kafka.security-protocol");
    }
}
