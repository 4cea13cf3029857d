package io.restock.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.restock.schemas.streams.StreamsDefaults;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class PassThroughTopologyTest {

    @Test
    void theTopologyIsThePinnedOneWithEveryNodeNamed() {
        assertThat(PassThroughTopology.build().describe().toString().strip()).isEqualTo("""
                Topologies:
                   Sub-topology: 0
                    Source: read-input (topics: [pipeline-benchmark.pass-through-input])
                      --> copy-value
                    Processor: copy-value (stores: [])
                      --> write-output
                      <-- read-input
                    Sink: write-output (topic: pipeline-benchmark.pass-through-output)
                      <-- copy-value""");
    }

    @Test
    void copiesEachRecordWithItsKeyValueAndTimestamp() {
        final var props = StreamsDefaults.properties(BaselineTopics.APPLICATION_ID, "unused:9092",
                System.getProperty("java.io.tmpdir"));
        try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughTopology.build(), props)) {
            final var in = driver.createInputTopic(BaselineTopics.INPUT, new ByteArraySerializer(),
                    new ByteArraySerializer());
            final var out = driver.createOutputTopic(BaselineTopics.OUTPUT, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            final Instant at = Instant.parse("2026-12-06T18:00:00Z");
            in.pipeInput(new TestRecord<>(new byte[] {1}, new byte[] {7, 8, 9}, at));

            final TestRecord<byte[], byte[]> copied = out.readRecord();
            assertThat(copied.key()).containsExactly(1);
            assertThat(copied.value()).containsExactly(7, 8, 9);
            assertThat(copied.getRecordTime()).isEqualTo(at);
            assertThat(out.isEmpty()).isTrue();
        }
    }

    @Test
    void baselineKeysAreDistinctAndZeroPaddedToTheGivenSize() {
        assertThat(new String(Baselines.key(35, 6), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("00000z");
        assertThat(Baselines.key(Long.MAX_VALUE, 12)).hasSize(13);
    }

    @Test
    void theBaselineTopicsArePrivateToTheBenchmark() {
        assertThat(BaselineTopics.ALL).allMatch(name -> name.startsWith("pipeline-benchmark."));
        assertThat(BaselineTopics.ALL).noneMatch(name -> io.restock.schemas.topics.Topics.byName(name).isPresent());
    }
}
