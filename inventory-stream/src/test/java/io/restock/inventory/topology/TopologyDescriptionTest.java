package io.restock.inventory.topology;

import io.restock.inventory.config.InventorySettings;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import static io.restock.kafkatest.TopologyDescriptions.assertEveryNodeNamed;
import static io.restock.kafkatest.TopologyDescriptions.assertMatchesResource;

/**
 * Pins the allocation topology, whose store and repartition-topic names a running inventory-stream
 * depends on; {@link io.restock.kafkatest.TopologyDescriptions} says how to accept an intended change.
 */
class TopologyDescriptionTest {

    private static Topology topology() {
        final StreamsBuilder builder = StreamsDefaults.testBuilder("inventory-stream");
        InventoryTopology.define(builder, EventSerdes.plain(), InventorySettings.defaults());
        return builder.build();
    }

    @Test
    void theTopologyIsThePinnedOne() {
        assertMatchesResource(topology(), "/topology-description.txt");
    }

    @Test
    void everyNodeStoreAndInternalTopicIsNamed() {
        assertEveryNodeNamed(topology(), "stores: [sku-movement-ids, withdrawn-shipments, sku-lines, sku-stock]",
                "stores: [order-book]", "stock-levels-global", "line-commands-by-sku-repartition",
                "supplier-offers-by-sku-repartition");
    }
}
