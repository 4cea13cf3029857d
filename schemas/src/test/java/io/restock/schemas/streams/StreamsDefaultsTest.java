package io.restock.schemas.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsDefaultsTest {

    @Test
    void withoutOverridesTheCommitIntervalIsTheDefaultAndNoTimeoutIsSet() {
        final Properties props = StreamsDefaults.timingOverrides(Map.of());
        assertThat(props).isEmpty();
        assertThat(StreamsDefaults.invariants("app").get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(StreamsDefaults.COMMIT_INTERVAL_MS);
    }

    @Test
    void theEnvironmentOverridesCommitIntervalTransactionTimeoutAndSessionTimeout() {
        final Properties props = StreamsDefaults.timingOverrides(Map.of(
                StreamsDefaults.COMMIT_INTERVAL_ENV, "5000",
                StreamsDefaults.TRANSACTION_TIMEOUT_ENV, "10000",
                StreamsDefaults.SESSION_TIMEOUT_ENV, " 8000 "));
        assertThat(props).containsEntry("commit.interval.ms", 5000)
                .containsEntry("producer.transaction.timeout.ms", 10000)
                .containsEntry("consumer.session.timeout.ms", 8000)
                .hasSize(3);
        // Kafka Streams itself reads them as the producer's and consumer's settings.
        final Properties all = StreamsDefaults.properties("app", "127.0.0.1:9", "/tmp/state");
        all.putAll(props);
        final StreamsConfig config = new StreamsConfig(all);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(5000L);
        assertThat(config.getProducerConfigs("client").get("transaction.timeout.ms")).isEqualTo(10000);
        assertThat(config.getMainConsumerConfigs("group", "client", 0).get("session.timeout.ms")).isEqualTo(8000);
    }

    @Test
    void aValueThatIsNotAPositiveWholeNumberOfMillisecondsIsRefusedNamingTheVariable() {
        for (final String bad : new String[] {"5s", "-1", "0", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> StreamsDefaults.timingOverrides(Map.of(StreamsDefaults.COMMIT_INTERVAL_ENV, bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(StreamsDefaults.COMMIT_INTERVAL_ENV).hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> StreamsDefaults.timingOverrides(Map.of(StreamsDefaults.SESSION_TIMEOUT_ENV, "x")))
                .hasMessageContaining(StreamsDefaults.SESSION_TIMEOUT_ENV);
    }

    @Test
    void aTransactionTimeoutNotLongerThanTheCommitIntervalIsRefused() {
        assertThatThrownBy(() -> StreamsDefaults.timingOverrides(Map.of(
                StreamsDefaults.COMMIT_INTERVAL_ENV, "5000", StreamsDefaults.TRANSACTION_TIMEOUT_ENV, "5000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than " + StreamsDefaults.COMMIT_INTERVAL_ENV);
    }

    @Test
    void anApplicationsOwnCommitIntervalReplacesTheDefault() {
        final Properties props = StreamsDefaults.properties("app", "127.0.0.1:9", "/tmp/state", Duration.ofMillis(250));
        if (System.getenv(StreamsDefaults.COMMIT_INTERVAL_ENV) == null) {
            assertThat(props).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250);
        }
        assertThatThrownBy(() -> StreamsDefaults.invariants("app", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
