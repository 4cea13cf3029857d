package io.restock.kpis.topology;

import io.restock.kpis.service.KpiStreams;
import io.restock.streamstest.PinnedTopologyTest;

import java.time.ZoneOffset;

/** Pins backorder-kpis' topology ({@link PinnedTopologyTest} says how to accept an intended change). */
class TopologyDescriptionTest extends PinnedTopologyTest {

    TopologyDescriptionTest() {
        super(KpiStreams.APPLICATION_ID, (builder, serdes) -> KpiTopology.define(builder, serdes, ZoneOffset.UTC),
                "stores: [line-tracks]", "stores: [purchase-order-tracks]", "kpi-deltas-repartition",
                "receipts-by-purchase-order-repartition",
                "stores: [open-backorders, kpi-minutes, kpi-hours, kpi-totals, kpi-gauges]");
    }
}
