package io.restock.service.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.kafka.ClientLogin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the runner does before it starts and after it closes; running against a broker is each service's IT. */
class StreamsRunnerTest {

    @TempDir
    Path stateDir;

    @Test
    void aStoreReadBeforeTheApplicationRunsIsUnavailableNotAnError() {
        try (StreamsRunner runner = runner()) {
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThatThrownBy(() -> runner.store("counts", QueryableStoreTypes.keyValueStore()))
                    .isInstanceOf(OwnerUnavailableException.class)
                    .hasMessageContaining("test-service is CREATED");
            assertThatThrownBy(() -> runner.store("counts", QueryableStoreTypes.keyValueStore(), 0))
                    .isInstanceOf(OwnerUnavailableException.class);
        }
    }

    @Test
    void theApplicationServerNamesThisInstanceToTheOwners() {
        try (StreamsRunner runner = runner()) {
            assertThat(runner.owners().selfName()).isEqualTo("127.0.0.1:18080");
        }
    }

    @Test
    void closeIsIdempotentAndAClosedRunnerDoesNotStart() {
        final StreamsRunner runner = runner();
        runner.close();
        runner.close();
        runner.start();

        assertThat(runner.state()).isIn(KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
    }

    @Test
    void aRunnerMadeTheServicesWayIsThisInstanceAtItsHttpPortAndStartsWithTheApplication() {
        final Properties props = StreamsDefaults.properties("test-service", "127.0.0.1:1", stateDir.toString());
        try (StreamsRunner runner = StreamsRunner.create("test-service", "test-service-app", props,
                new ClientLogin("test-service.kafka", "PLAINTEXT", "", ""), null, 18081,
                builder -> builder.table("input", Consumed.with(Serdes.String(), Serdes.String()).withName("input-source"),
                        Materialized.as("counts")), new SimpleMeterRegistry())) {
            assertThat(runner.owners().selfName()).isEqualTo("127.0.0.1:18081");
            assertThat(runner.startsWithApplication()).isTrue();
            assertThat(runner.startedByOwner().startsWithApplication()).isFalse();
        }
    }

    @Test
    void aRunnerMadeTheServicesWayRefusesAnUnnamedInternalResource() {
        final Properties props = StreamsDefaults.properties("test-service", "127.0.0.1:1", stateDir.toString());
        assertThatThrownBy(() -> StreamsRunner.create("test-service", "test-service-app", props,
                new ClientLogin("test-service.kafka", "PLAINTEXT", "", ""), "127.0.0.1:18082", 18081,
                builder -> builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()).withName("input-source"))
                        .groupByKey().count(), new SimpleMeterRegistry()))
                .isInstanceOf(RuntimeException.class);
    }

    private StreamsRunner runner() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", Consumed.with(Serdes.String(), Serdes.String()).withName("input-source"),
                Materialized.as("counts"));
        final Topology topology = builder.build();
        final Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:18080");
        return new StreamsRunner("test-service", "test-service-app", topology, props, new SimpleMeterRegistry());
    }
}
