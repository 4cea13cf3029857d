package io.restock.backorder.topology;

import io.restock.events.AcknowledgedLine;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuSupply;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restock.backorder.topology.BackorderDriver.DAY0;
import static io.restock.backorder.topology.BackorderDriver.T0;
import static io.restock.streamstest.EdgeHeaders.internal;
import static io.restock.streamstest.EdgeHeaders.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 14: backorder-processor's outputs carry none of its inputs' headers (internal request
 * headers such as order-intake's idempotency key and request hash, or supplier-gateway's request digest).
 */
class OutputHeadersTest {

    @AutoClose
    private final BackorderDriver d = new BackorderDriver();

    @Test
    void outputsCarryNoHeadersOfTheirInputs() {
        final TestOutputTopic<String, PurchaseOrderEvent> purchaseOrders = d.harness.output(Topics.PURCHASE_ORDERS);
        final TestOutputTopic<String, SkuSupply> schedules = d.harness.output(Topics.SKU_SUPPLY);
        d.at(T0).policy("SKU-1", 1, 0, false);
        d.offer("S1", "SKU-1", 10, "5.00", 20, 10);

        d.harness.input(Topics.STOCK_SHORTFALLS).pipeInput(new TestRecord<>("SKU-1", new StockShortfall("sf-1", T0,
                "SKU-1", 20, ShortfallCause.BACKORDER, -20, 5, 20, null, 1L, null), internal(), T0));
        d.closeBatches();
        final List<TestRecord<String, PurchaseOrderEvent>> issued = purchaseOrders.readRecordsToList();
        final PurchaseOrderIssued po = (PurchaseOrderIssued) issued.getFirst().value().getEvent();
        d.harness.input(Topics.SUPPLIER_EVENTS).pipeInput(new TestRecord<>(po.getPurchaseOrderId(),
                new SupplierEvent(new PurchaseOrderAcknowledged("ack-1", T0.plus(Duration.ofHours(1)),
                        po.getPurchaseOrderId(), "S1", "m-1", List.of(new AcknowledgedLine(
                        po.getLines().getFirst().getLineId(), 20, DAY0.plusDays(14))))),
                internal(), T0.plus(Duration.ofHours(1))));

        final List<TestRecord<String, SkuSupply>> published = schedules.readRecordsToList();
        assertThat(published).isNotEmpty();
        assertThat(names(published)).isEmpty();
        assertThat(names(issued)).isEmpty();
        assertThat(names(purchaseOrders.readRecordsToList())).isEmpty();
    }
}
