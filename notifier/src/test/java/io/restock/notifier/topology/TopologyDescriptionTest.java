package io.restock.notifier.topology;

import io.restock.notifier.decision.NotifierSettings;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import static io.restock.kafkatest.TopologyDescriptions.assertEveryNodeNamed;
import static io.restock.kafkatest.TopologyDescriptions.assertMatchesResource;

/**
 * Pins the topology: node names, stores and internal topics are part of the contract with a running
 * application. If a change is intended, copy {@code target/topology-description.txt} over
 * {@code src/test/resources/topology-description.txt}. Built as the service builds it, with Restock's
 * invariants: an internal resource without an explicit name fails the build.
 */
class TopologyDescriptionTest {

    private static Topology topology() {
        final StreamsBuilder builder = StreamsDefaults.testBuilder(NotifierStreamsConfig.APPLICATION_ID);
        NotifierTopology.define(builder, EventSerdes.plain(), NotifierSettings.defaults());
        return builder.build();
    }

    @Test
    void theTopologyIsThePinnedOne() {
        assertMatchesResource(topology(), "/topology-description.txt");
    }

    @Test
    void everyNodeStoreAndInternalTopicIsNamed() {
        assertEveryNodeNamed(topology(), "stores: [pending-notices, order-contacts]",
                "shipments-by-order-repartition", "topic: notifier.outbox");
    }
}
