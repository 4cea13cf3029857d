package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.kafkatest.TopologyDescriptions;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;


/**
 * Pins the topology: node names, stores and internal topics are part of the contract with a
 * running application (changing them loses state or strands records). If a change is intended,
 * copy {@code target/topology-description.txt} over {@code src/test/resources/topology-description.txt}.
 * Built as the service builds it, with Restock's invariants: an internal resource without an explicit name
 * fails the build.
 */
class TopologyDescriptionTest {

    private static Topology topology() {
        final StreamsBuilder builder = StreamsDefaults.testBuilder(BackorderStreamsConfig.APPLICATION_ID);
        BackorderTopology.define(builder, EventSerdes.plain(), BackorderSettings.defaults());
        return builder.build();
    }

    @Test
    void theTopologyIsThePinnedOne() {
        TopologyDescriptions.assertMatchesResource(topology(), "topology-description.txt");
    }

    @Test
    void everyNodeStoreAndInternalTopicIsNamed() {
        TopologyDescriptions.assertEveryNodeNamed(topology(), "stores: [sku-plans]",
                "stores: [purchase-orders, parked-supplier-answers]", "supplier-batches", "supplier-reliability",
                "supplier-offers-by-sku-repartition", "supply-updates-by-sku-repartition",
                "supplier-inputs-by-supplier-repartition");
    }
}
