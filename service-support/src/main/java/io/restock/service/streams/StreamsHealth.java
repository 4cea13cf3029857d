package io.restock.service.streams;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams;

/** How a Kafka Streams application's state reads on {@code /health}. */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    /** UP when RUNNING, DOWN when it failed or is stopping, UNKNOWN while it starts or rebalances. */
    public static HealthStatus of(final KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> HealthStatus.UP;
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> HealthStatus.DOWN;
            default -> HealthStatus.UNKNOWN;
        };
    }
}
