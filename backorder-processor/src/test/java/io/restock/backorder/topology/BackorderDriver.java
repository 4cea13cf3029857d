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
import io.restock.schemas.topics.Topics;
import io.restock.streamstest.TopologyHarness;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The real topology in a {@link TopologyTestDriver}, with helpers that play inventory-stream, the
 * catalogue and the suppliers, and read what came out. Time is explicit: {@link #at} sets the record
 * time of what is piped next; {@link #advanceWallClock} drives the batch backstop.
 */
final class BackorderDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    static final Duration WINDOW = Duration.ofMinutes(10);

    final TopologyTestDriver driver;
    private final TestInputTopic<String, StockShortfall> shortfalls;
    private final TestInputTopic<String, StockLevel> levels;
    private final java.util.Map<String, int[]> position = new java.util.HashMap<>();
    private final TestInputTopic<String, StockMovement> movements;
    private final TestInputTopic<String, SkuPolicy> policies;
    private final TestInputTopic<String, SupplierOffer> offers;
    private final TestInputTopic<String, SupplierEvent> supplierEvents;
    private final TestOutputTopic<String, PurchaseOrderEvent> purchaseOrders;
    private final TestOutputTopic<String, SkuSupply> skuSupply;
    private final TopologyHarness harness;
    private Instant now = T0;
    private Instant wallClock = T0;
    private int sequence;

    BackorderDriver(final BackorderSettings settings) {
        harness = new TopologyHarness("backorder-driver", stateDir -> BackorderStreamsConfig.properties("unused:9092",
                stateDir), (builder, serdes) -> BackorderTopology.define(builder, serdes, settings), T0);
        driver = harness.driver();
        shortfalls = harness.input(Topics.STOCK_SHORTFALLS);
        levels = harness.input(Topics.STOCK_LEVELS);
        movements = harness.input(Topics.STOCK_MOVEMENTS);
        policies = harness.input(Topics.SKU_POLICIES);
        offers = harness.input(Topics.SUPPLIER_OFFERS);
        supplierEvents = harness.input(Topics.SUPPLIER_EVENTS);
        purchaseOrders = harness.output(Topics.PURCHASE_ORDERS);
        skuSupply = harness.output(Topics.SKU_SUPPLY);
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
        driver.advanceWallClockTime(by);
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

    // ---- catalogue

    void policy(final String sku, final int handlingDays, final int targetLevel, final boolean dropShipAllowed) {
        policies.pipeInput(sku, new SkuPolicy(id("policy"), now, sku, null, true, 60, 5, 0, targetLevel, handlingDays,
                List.of(), dropShipAllowed), now);
    }

    void offer(final String supplierId, final String sku, final int leadTimeDays, final String unitCost, final int moq,
               final int pack) {
        offers.pipeInput(Topics.offerKey(supplierId, sku), new SupplierOffer(id("offer"), now, supplierId, sku,
                leadTimeDays, new BigDecimal(unitCost).setScale(4), "EUR", moq, pack, false, 0.95, true), now);
    }

    // ---- inventory-stream

    void shortfall(final String eventId, final String sku, final int quantity) {
        shortfalls.pipeInput(sku, new StockShortfall(eventId, now, sku, quantity, ShortfallCause.BACKORDER, -quantity,
                5, 20, null, null, null), now);
    }

    /** inventory-stream's stock level of the SKU (available, backordered, allocated). */
    void level(final String sku, final int available, final int backordered, final int allocated) {
        position.put(sku, new int[]{available, backordered, allocated});
        levels.pipeInput(sku, new StockLevel(id("level"), now, sku, available + allocated, allocated, available,
                backordered, 0, available - backordered), now);
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
        movements.pipeInput(sku, new StockMovement(new StockReceived(movementId, now, movementId, "WH1", sku, quantity,
                purchaseOrderId, lineId)), now);
    }

    // ---- suppliers

    void acknowledge(final String poId, final String supplierId, final String messageId, final String lineId,
                     final int accepted, final LocalDate promised) {
        supplierEvents.pipeInput(poId, new SupplierEvent(new PurchaseOrderAcknowledged(id("ack"), now, poId, supplierId,
                messageId, List.of(new AcknowledgedLine(lineId, accepted, promised)))), now);
    }

    void reject(final String poId, final String supplierId, final String lineId) {
        supplierEvents.pipeInput(poId, new SupplierEvent(new PurchaseOrderRejected(id("reject"), now, poId, supplierId,
                id("msg"), lineId == null ? List.of() : List.of(lineId), "out of stock")), now);
    }

    void changePromise(final String poId, final String supplierId, final String lineId, final LocalDate promised) {
        supplierEvents.pipeInput(poId, new SupplierEvent(new PromisedDateChanged(id("promise"), now, poId, supplierId,
                id("msg"), List.of(new LinePromise(lineId, promised)))), now);
    }

    void ship(final String poId, final String supplierId, final String shipmentId, final String lineId,
              final int quantity, final LocalDate arrival) {
        supplierEvents.pipeInput(poId, new SupplierEvent(new ShipmentDispatched(id("ship"), now, poId, supplierId,
                id("msg"), shipmentId, arrival, null, null, List.of(new ShippedLine(lineId, quantity)))), now);
    }

    // ---- outputs

    /** The purchase orders issued since the last read. */
    List<PurchaseOrderIssued> issued() {
        final List<PurchaseOrderIssued> out = new ArrayList<>();
        for (final PurchaseOrderEvent e : purchaseOrders.readValuesToList()) {
            if (e.getEvent() instanceof PurchaseOrderIssued i) {
                out.add(i);
            }
        }
        return out;
    }

    List<PurchaseOrderEvent> purchaseOrderEvents() {
        return purchaseOrders.readValuesToList();
    }

    /** The supply schedules published since the last read. */
    List<SkuSupply> supplies() {
        return skuSupply.readValuesToList();
    }

    List<TestRecord<String, byte[]>> deadLetters(final String sourceTopic) {
        return harness.deadLetters(sourceTopic);
    }

    @Override
    public void close() {
        harness.close();
    }
}
