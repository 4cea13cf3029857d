package io.restock.suppliergateway.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"supplier-gateway\" password=\"secret\";";

    @Test
    void aPlainListenerAddsNothingToTheClients() {
        final ClientSecurity security = new ClientSecurity("PLAINTEXT", "", "");

        assertThat(security.properties()).isEmpty();
        assertThat(security.applyTo(Map.of("bootstrap.servers", "b:9092"))).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void saslGivesEveryClientTheProtocolMechanismAndLogin() {
        final ClientSecurity security = new ClientSecurity("sasl_plaintext", "SCRAM-SHA-512", JAAS);

        assertThat(security.applyTo(Map.of("bootstrap.servers", "b:9092")))
                .containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void saslWithoutALoginOrAnUnknownProtocolFailsAtStartup() {
        assertThatThrownBy(() -> new ClientSecurity("SASL_SSL", "SCRAM-SHA-512", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sasl-jaas-config");
        assertThatThrownBy(() -> new ClientSecurity("KERBEROS", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("security-protocol");
    }
}
