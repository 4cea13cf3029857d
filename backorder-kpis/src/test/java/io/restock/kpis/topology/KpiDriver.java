package io.restock.kpis.topology;

import io.restock.events.AcknowledgedLine;
import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LinePromise;
import io.restock.events.LineRejected;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.SupplierEvent;
import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.service.KpiStreams;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.streamstest.TopologyHarness;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** backorder-kpis' topology on a {@link TopologyTestDriver}, with builders for the events it reads. */
final class KpiDriver implements AutoCloseable {

    /** A fixed "now": 2026-12-01 10:00 UTC. */
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private final TopologyHarness harness;
    private final TopologyTestDriver driver;
    private final AtomicInteger ids = new AtomicInteger();

    KpiDriver() {
        harness = new TopologyHarness("kpi-driver", (bootstrapServers, stateDir) -> {
            final Properties props = StreamsDefaults.properties(KpiStreams.APPLICATION_ID, bootstrapServers, stateDir);
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
            return props;
        }, (builder, serdes) -> KpiTopology.define(builder, serdes, ZoneOffset.UTC), T0);
        driver = harness.driver();
    }

    private <V> void pipe(final Topic<String, V> topic, final String key, final V value, final Instant at) {
        harness.input(topic).pipeInput(key, value, at);
    }

    private void lineEvent(final String order, final Object event, final Instant at) {
        pipe(Topics.LINE_EVENTS, order, new LineEvent(event), at);
    }

    private String id(final String kind) {
        return kind + "-" + ids.incrementAndGet();
    }

    // ---- line events (key orderId)

    void allocated(final String order, final String line, final String sku, final int quantity, final int ordered,
                   final Instant at) {
        lineEvent(order, new LineAllocated(id("alloc"), at, order, line, sku, quantity, ordered,
                ShippingPolicy.PARTIAL), at);
    }

    void backordered(final String order, final String line, final String sku, final int quantity, final int ordered,
                     final LocalDate promised, final BigDecimal lineValue, final Instant at) {
        lineEvent(order, new LineBackordered(id("back"), at, order, line, sku, quantity, ordered, 1,
                promised, at, null, lineValue, null, false), at);
    }

    /** Units the line held went back to the queue (inventory-stream's LineBackordered with returnedToBackorder). */
    void returnedToBackorder(final String order, final String line, final String sku, final int quantity,
                             final int ordered, final Instant at) {
        lineEvent(order, new LineBackordered(id("back"), at, order, line, sku, quantity, ordered, 1,
                TODAY.plusDays(7), at, null, BigDecimal.TEN.multiply(BigDecimal.valueOf(ordered)), null, true), at);
    }

    /** The warehouse shipped waiting units of the line (BackorderAllocated naming the shipment). */
    void shippedFromBackorder(final String order, final String line, final String sku, final int quantity,
                              final int remaining, final Instant at) {
        lineEvent(order, new BackorderAllocated(id("fill"), at, order, line, sku, quantity, remaining, id("mv")), at);
    }

    void backordered(final String order, final String line, final String sku, final int quantity, final int ordered,
                     final Instant at) {
        backordered(order, line, sku, quantity, ordered, TODAY.plusDays(7), BigDecimal.TEN.multiply(
                BigDecimal.valueOf(ordered)), at);
    }

    void rejected(final String order, final String line, final String sku, final int quantity, final Instant at) {
        lineEvent(order, new LineRejected(id("rej"), at, order, line, sku, quantity,
                RejectionReason.NOT_BACKORDERABLE, null, List.of()), at);
    }

    void filled(final String order, final String line, final String sku, final int quantity, final int remaining,
                final Instant at) {
        lineEvent(order, new BackorderAllocated(id("fill"), at, order, line, sku, quantity, remaining, null), at);
    }

    void dropShipped(final String order, final String line, final String sku, final int quantity, final Instant at) {
        lineEvent(order, new LineDropShipped(id("dropship"), at, order, line, sku, quantity, "acme",
                "PO-acme-" + sku + "-ds1"), at);
    }

    void cancelled(final String order, final String line, final String sku, final int quantity, final Instant at) {
        lineEvent(order, new BackorderCancelled(id("cancel"), at, order, line, sku, quantity), at);
    }

    void dateChanged(final String order, final String line, final String sku, final LocalDate previous,
                     final LocalDate next, final Instant at) {
        pipe(Topics.DELIVERY_DATES, order, new DeliveryDateChanged(id("date"), at, order, line, sku, previous, next,
                DateChangeReason.PROMISED_DATE_CHANGED), at);
    }

    // ---- purchase orders (key purchaseOrderId), supplier answers, receipts (key sku)

    void issued(final String po, final String supplier, final Instant at, final String... lineIdAndSku) {
        final List<PurchaseOrderLine> poLines = java.util.Arrays.stream(lineIdAndSku)
                .map(l -> new PurchaseOrderLine(l, "SKU-" + l, 10, new BigDecimal("2.0000"), null, false, null, null))
                .toList();
        pipe(Topics.PURCHASE_ORDERS, po, new PurchaseOrderEvent(new PurchaseOrderIssued(id("po"), at, po, supplier,
                "EUR", poLines)), at);
    }

    void purchaseOrderCancelled(final String po, final String supplier, final Instant at) {
        pipe(Topics.PURCHASE_ORDERS, po, new PurchaseOrderEvent(new PurchaseOrderCancelled(id("po-cancel"), at, po,
                supplier, List.of(), "demand gone")), at);
    }

    void acknowledged(final String po, final String supplier, final String line, final LocalDate promised,
                      final Instant at) {
        pipe(Topics.SUPPLIER_EVENTS, po, new SupplierEvent(new PurchaseOrderAcknowledged(id("ack"), at, po, supplier,
                id("msg"), List.of(new AcknowledgedLine(line, 10, promised)))), at);
    }

    void promisedDateChanged(final String po, final String supplier, final String line, final LocalDate promised,
                             final Instant at) {
        pipe(Topics.SUPPLIER_EVENTS, po, new SupplierEvent(new PromisedDateChanged(id("promise"), at, po, supplier,
                id("msg"), List.of(new LinePromise(line, promised)))), at);
    }

    void received(final String po, final String line, final int quantity, final Instant at) {
        pipe(Topics.STOCK_MOVEMENTS, "SKU-" + line, new StockMovement(new StockReceived(id("rcv"), at, id("mv"),
                "wh-1", "SKU-" + line, quantity, po, line)), at);
    }

    void deadLetter(final String topic, final Instant at) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput("k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8), at);
    }

    // ---- reads

    KpiReads reads() {
        return new KpiReads(driver.getWindowStore(KpiTopology.MINUTES), driver.getWindowStore(KpiTopology.HOURS),
                driver.getKeyValueStore(KpiTopology.TOTALS), driver.getKeyValueStore(KpiTopology.GAUGES),
                driver.getKeyValueStore(KpiTopology.OPEN_BACKORDERS));
    }

    KpiReport report(final Instant now) {
        return reads().report(now);
    }

    long lineTracks() {
        long count = 0;
        try (var it = driver.getKeyValueStore(KpiTopology.LINE_TRACKS).all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        harness.close();
    }
}
