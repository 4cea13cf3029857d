package io.restock.kpis.topology;

import io.restock.schemas.serde.EventSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the topology: node names, stores and internal topics are part of the contract with a running application.
 * If a change is intended, copy {@code target/topology-description.txt} over
 * {@code src/test/resources/topology-description.txt}.
 */
class TopologyDescriptionTest {

    private static TopologyDescription describe() {
        final StreamsBuilder builder = new StreamsBuilder();
        KpiTopology.define(builder, EventSerdes.plain(), ZoneOffset.UTC);
        return builder.build().describe();
    }

    @Test
    void theTopologyIsThePinnedOne() throws IOException {
        final String actual = describe().toString().strip();
        Files.writeString(Path.of("target", "topology-description.txt"), actual + "\n");
        final String expected;
        try (InputStream in = getClass().getResourceAsStream("/topology-description.txt")) {
            assertThat(in).as("src/test/resources/topology-description.txt").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void everyNodeStoreAndInternalTopicIsNamed() {
        final String description = describe().toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "STATE-STORE-");
        assertThat(description).contains("stores: [line-tracks]", "stores: [purchase-order-tracks]",
                "kpi-deltas-repartition", "receipts-by-purchase-order-repartition",
                "stores: [open-backorders, kpi-minutes, kpi-hours, kpi-totals, kpi-gauges]");
    }
}
