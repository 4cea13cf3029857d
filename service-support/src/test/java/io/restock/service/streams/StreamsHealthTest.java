package io.restock.service.streams;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsHealthTest {

    @Test
    void upOnlyWhenRunningDownWhenFailedOrStoppingUnknownWhileStarting() {
        assertThat(StreamsHealth.of(KafkaStreams.State.RUNNING)).isEqualTo(HealthStatus.UP);
        assertThat(StreamsHealth.of(KafkaStreams.State.ERROR)).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.of(KafkaStreams.State.PENDING_SHUTDOWN)).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.of(KafkaStreams.State.REBALANCING)).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(StreamsHealth.of(KafkaStreams.State.CREATED)).isEqualTo(HealthStatus.UNKNOWN);
    }
}
