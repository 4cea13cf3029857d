package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.streamstest.PinnedTopologyTest;

/**
 * Pins backorder-processor's topology ({@link PinnedTopologyTest} says how to accept an intended change).
 */
class TopologyDescriptionTest extends PinnedTopologyTest {

    TopologyDescriptionTest() {
        super(BackorderStreamsConfig.APPLICATION_ID,
                (builder, serdes) -> BackorderTopology.define(builder, serdes, BackorderSettings.defaults()),
                "stores: [sku-plans]", "stores: [purchase-orders, parked-supplier-answers]", "supplier-batches",
                "supplier-reliability", "supplier-offers-by-sku-repartition", "supply-updates-by-sku-repartition",
                "supplier-inputs-by-supplier-repartition");
    }
}
