package io.restock.notifier.topology;

import io.restock.notifier.decision.NotifierSettings;
import io.restock.streamstest.PinnedTopologyTest;

/** Pins the notifier's topology ({@link PinnedTopologyTest} says how to accept an intended change). */
class TopologyDescriptionTest extends PinnedTopologyTest {

    TopologyDescriptionTest() {
        super(NotifierStreamsConfig.APPLICATION_ID,
                (builder, serdes) -> NotifierTopology.define(builder, serdes, NotifierSettings.defaults()),
                "stores: [pending-notices, order-contacts]", "shipments-by-order-repartition", "topic: notifier.outbox");
    }
}
