package io.restock.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerTest {

    @TempDir
    Path dir;

    @Test
    void refusesATakenPortBeforeTouchingTheDataDirectory() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            final Path data = dir.resolve("kafka");

            assertThatThrownBy(() -> LocalBroker.start(LocalBroker.Settings.of(data).withPort(taken.getLocalPort())))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: "
                            + "is another Kafka running? choose another with --port");
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void configuresASingleNodeThatNeverCreatesTopicsImplicitly() {
        final var config = LocalBroker.config(9092, 9093, dir);

        assertThat(config).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void thePlainDefaultHasNoAuthenticationAndNoAuthorizer() {
        final var config = LocalBroker.config(9092, 9093, dir);

        assertThat(config).containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .doesNotContainKeys("authorizer.class.name", "sasl.enabled.mechanisms", "super.users");
        assertThat(LocalBroker.Settings.of(dir).sasl()).isNull();
    }

    @Test
    void withSaslTheClientListenerTakesScramAndTheAuthorizerDeniesWhatNoAclAllows() {
        final var config = LocalBroker.config(9092, 9093, dir, new LocalBroker.Sasl("admin", "s3cret"));

        assertThat(config).containsEntry("listeners", "SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:admin")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void refusesSaslSecretsThatWouldBreakTheJaasLine() {
        assertThatThrownBy(() -> new LocalBroker.Sasl("admin", "a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalBroker.Sasl("admin", "a,b]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalBroker.Sasl.clientProperties("u;x", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
