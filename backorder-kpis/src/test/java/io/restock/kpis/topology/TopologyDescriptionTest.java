package io.restock.kpis.topology;

import io.restock.kafkatest.TopologyDescriptions;
import io.restock.kpis.service.KpiStreams;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;


/**
 * Pins the topology: node names, stores and internal topics are part of the contract with a running application.
 * If a change is intended, copy {@code target/topology-description.txt} over
 * {@code src/test/resources/topology-description.txt}. Built as the service builds it, with Restock's
 * invariants: an internal resource without an explicit name fails the build.
 */
class TopologyDescriptionTest {

    private static Topology topology() {
        final StreamsBuilder builder = StreamsDefaults.testBuilder(KpiStreams.APPLICATION_ID);
        KpiTopology.define(builder, EventSerdes.plain(), ZoneOffset.UTC);
        return builder.build();
    }

    @Test
    void theTopologyIsThePinnedOne() {
        TopologyDescriptions.assertMatchesResource(topology(), "topology-description.txt");
    }

    @Test
    void everyNodeStoreAndInternalTopicIsNamed() {
        TopologyDescriptions.assertEveryNodeNamed(topology(), "stores: [line-tracks]",
                "stores: [purchase-order-tracks]", "kpi-deltas-repartition",
                "receipts-by-purchase-order-repartition",
                "stores: [open-backorders, kpi-minutes, kpi-hours, kpi-totals, kpi-gauges]");
    }
}
