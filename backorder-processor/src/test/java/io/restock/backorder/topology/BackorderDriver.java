package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.events.AcknowledgedLine;
import io.restock.events.LinePromise;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShippedLine;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.streamstest.TopologyHarness;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real topology in a {@link TopologyTestDriver}, with helpers that play inventory-stream, the
 * catalogue and the suppliers, and read what came out. Time is explicit: {@link #at} sets the record
 * time of what is piped next; {@link #advanceWallClock} drives the batch backstop.
 */
final class BackorderDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    static final Duration WINDOW = Duration.ofMinutes(10);

    final TopologyHarness harness;
    private final Map<String, int[]> position = new HashMap<>();
    private Instant now = T0;
    private Instant wallClock = T0;
    private int sequence;

    BackorderDriver(final BackorderSettings settings) {
        harness = new TopologyHarness("backorder-driver", BackorderStreamsConfig::properties,
                (builder, serdes) -> BackorderTopology.define(builder, serdes, settings), T0);
    }

    BackorderDriver() {
        this(BackorderSettings.defaults().withBatchWindow(WINDOW));
    }

    // ---- time

    BackorderDriver at(final Instant time) {
        now = time;
        return this;
    }

    BackorderDriver later(final Duration by) {
        now = now.plus(by);
        return this;
    }

    /** Moves the wall clock (the batch backstop) by {@code by}. */
    void advanceWallClock(final Duration by) {
        wallClock = wallClock.plus(by);
        harness.driver().advanceWallClockTime(by);
    }

    /** Lets every batch opened so far close: the wall clock passes the window plus the backstop after {@code now}. */
    void closeBatches() {
        final Instant target = now.plus(WINDOW).plus(BackorderSettings.defaults().idleFlushAfter()).plusSeconds(1);
        advanceWallClock(Duration.between(wallClock, target).isNegative() ? Duration.ofSeconds(1)
                : Duration.between(wallClock, target));
    }

    private String id(final String prefix) {
        return prefix + "-" + (++sequence);
    }

    /** Pipes a record at the driver's record time. */
    private <V> void pipe(final Topic<String, V> topic, final String key, final V value) {
        harness.input(topic).pipeInput(key, value, now);
    }

    // ---- catalogue

    void policy(final String sku, final int handlingDays, final int targetLevel, final boolean dropShipAllowed) {
        pipe(Topics.SKU_POLICIES, sku, new SkuPolicy(id("policy"), now, sku, null, true, 60, 5, 0, targetLevel,
                handlingDays, List.of(), dropShipAllowed));
    }

    void offer(final String supplierId, final String sku, final int leadTimeDays, final String unitCost, final int moq,
               final int pack) {
        pipe(Topics.SUPPLIER_OFFERS, Topics.offerKey(supplierId, sku), new SupplierOffer(id("offer"), now, supplierId,
                sku, leadTimeDays, new BigDecimal(unitCost).setScale(4), "EUR", moq, pack, false, 0.95, true));
    }

    // ---- inventory-stream

    void shortfall(final String eventId, final String sku, final int quantity) {
        pipe(Topics.STOCK_SHORTFALLS, sku, new StockShortfall(eventId, now, sku, quantity, ShortfallCause.BACKORDER,
                -quantity, 5, 20, null, null, null));
    }

    /** inventory-stream's stock level of the SKU (available, backordered, allocated). */
    void level(final String sku, final int available, final int backordered, final int allocated) {
        position.put(sku, new int[]{available, backordered, allocated});
        pipe(Topics.STOCK_LEVELS, sku, new StockLevel(id("level"), now, sku, available + allocated, allocated,
                available, backordered, 0, available - backordered));
    }

    /** A line was backordered: the level inventory-stream then publishes. */
    void backordered(final String orderId, final String sku, final int quantity, final Instant placedAt,
                     final LocalDate promised) {
        final int[] p = position.getOrDefault(sku, new int[3]);
        level(sku, p[0], p[1] + quantity, p[2]);
    }

    void backorderFilled(final String orderId, final String sku, final int quantity, final int remaining) {
        final int[] p = position.getOrDefault(sku, new int[3]);
        level(sku, p[0], p[1] - quantity, p[2] + quantity);
    }

    void backorderCancelled(final String orderId, final String sku, final int quantity) {
        final int[] p = position.getOrDefault(sku, new int[3]);
        level(sku, p[0], p[1] - quantity, p[2]);
    }

    void received(final String sku, final int quantity, final String purchaseOrderId, final String lineId) {
        final String movementId = id("movement");
        pipe(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived(movementId, now, movementId, "WH1", sku,
                quantity, purchaseOrderId, lineId)));
    }

    // ---- suppliers

    void acknowledge(final String poId, final String supplierId, final String messageId, final String lineId,
                     final int accepted, final LocalDate promised) {
        pipe(Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderAcknowledged(id("ack"), now, poId,
                supplierId, messageId, List.of(new AcknowledgedLine(lineId, accepted, promised)))));
    }

    void reject(final String poId, final String supplierId, final String lineId) {
        pipe(Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderRejected(id("reject"), now, poId,
                supplierId, id("msg"), lineId == null ? List.of() : List.of(lineId), "out of stock")));
    }

    void changePromise(final String poId, final String supplierId, final String lineId, final LocalDate promised) {
        pipe(Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PromisedDateChanged(id("promise"), now, poId,
                supplierId, id("msg"), List.of(new LinePromise(lineId, promised)))));
    }

    void ship(final String poId, final String supplierId, final String shipmentId, final String lineId,
              final int quantity, final LocalDate arrival) {
        pipe(Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new ShipmentDispatched(id("ship"), now, poId, supplierId,
                id("msg"), shipmentId, arrival, null, null, List.of(new ShippedLine(lineId, quantity)))));
    }

    // ---- outputs

    /** The purchase orders issued since the last read. */
    List<PurchaseOrderIssued> issued() {
        final List<PurchaseOrderIssued> out = new ArrayList<>();
        for (final PurchaseOrderEvent e : harness.output(Topics.PURCHASE_ORDERS).readValuesToList()) {
            if (e.getEvent() instanceof PurchaseOrderIssued i) {
                out.add(i);
            }
        }
        return out;
    }

    List<PurchaseOrderEvent> purchaseOrderEvents() {
        return harness.output(Topics.PURCHASE_ORDERS).readValuesToList();
    }

    /** The supply schedules published since the last read. */
    List<SkuSupply> supplies() {
        return harness.output(Topics.SKU_SUPPLY).readValuesToList();
    }

    List<TestRecord<String, byte[]>> deadLetters(final String sourceTopic) {
        return harness.deadLetters(sourceTopic);
    }

    @Override
    public void close() {
        harness.close();
    }
}
