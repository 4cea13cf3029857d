package io.restock.inventory.topology;

import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.streamstest.PinnedTopologyTest;

/**
 * Pins the allocation topology, whose store and repartition-topic names a running inventory-stream depends on
 * ({@link PinnedTopologyTest} says how to accept an intended change).
 */
class TopologyDescriptionTest extends PinnedTopologyTest {

    TopologyDescriptionTest() {
        super(InventoryStreamsConfig.APPLICATION_ID,
                (builder, serdes) -> InventoryTopology.define(builder, serdes, InventorySettings.defaults()),
                "stores: [sku-movement-ids, withdrawn-shipments, sku-lines, sku-stock]", "stores: [order-book]",
                "stock-levels-global", "line-commands-by-sku-repartition", "supplier-offers-by-sku-repartition");
    }
}
