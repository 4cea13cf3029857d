package io.restock.service.streams;

import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * {@code /health} of each {@link StreamsRunner}, named {@code <service>-streams}: UP when RUNNING, DOWN when it
 * failed or stops, UNKNOWN in between ({@link StreamsHealth}); the details carry the {@code state}.
 */
@EachBean(StreamsRunner.class)
@Requires(classes = {KafkaStreams.class, AbstractHealthIndicator.class})
final class StreamsRunnerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StreamsRunner runner;

    StreamsRunnerHealthIndicator(final StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final KafkaStreams.State state = runner.state();
        healthStatus = StreamsHealth.of(state);
        return Map.of("state", state.name());
    }

    @Override
    protected String getName() {
        return runner.service() + "-streams";
    }
}
