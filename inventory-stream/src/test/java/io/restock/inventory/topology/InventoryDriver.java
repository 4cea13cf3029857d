package io.restock.inventory.topology;

import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.LineEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.InboundSupply;
import io.restock.events.InboundArrival;
import io.restock.events.NextOrder;
import io.restock.events.StockAdjusted;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.streamstest.TopologyHarness;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The real topology in a {@link TopologyTestDriver}, with helpers that publish the events of shops,
 * warehouses and the catalogue and read what came out. Time is explicit: {@link #at} sets the
 * record time of what is piped next (the engine's "now").
 */
final class InventoryDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-11-20");

    final TopologyHarness harness;
    final TestInputTopic<String, byte[]> rawOrders;
    private final List<SpecificRecord> shipmentsRead = new ArrayList<>();
    private Instant now = T0;
    private int sequence;

    InventoryDriver(final InventorySettings settings) {
        harness = new TopologyHarness("inventory-driver", InventoryStreamsConfig::properties,
                (builder, serdes) -> InventoryTopology.define(builder, serdes, settings), T0);
        rawOrders = harness.driver().createInputTopic(Topics.ORDER_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
    }

    InventoryDriver() {
        this(InventorySettings.defaults());
    }

    // ---- time

    InventoryDriver at(final Instant time) {
        now = time;
        return this;
    }

    InventoryDriver afterDays(final long days) {
        now = now.plus(Duration.ofDays(days));
        return this;
    }

    Instant now() {
        return now;
    }

    private String id(final String prefix) {
        return prefix + "-" + (++sequence);
    }

    /** Pipes a record at the driver's record time. */
    private <V> void pipe(final Topic<String, V> topic, final String key, final V value) {
        harness.input(topic).pipeInput(key, value, now);
    }

    // ---- catalogue

    static SkuPolicy policy(final String sku) {
        return SkuPolicy.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(T0).setSku(sku)
                .setBackorderable(true).setMaxWaitDays(null).setReorderPoint(0).setSafetyStock(0).setTargetLevel(0)
                .setHandlingDays(1).setSubstitutes(new ArrayList<>()).build();
    }

    InventoryDriver policy(final SkuPolicy policy) {
        pipe(Topics.SKU_POLICIES, policy.getSku(), policy);
        return this;
    }

    InventoryDriver deletePolicy(final String sku) {
        pipe(Topics.SKU_POLICIES, sku, null);
        return this;
    }

    InventoryDriver offer(final String supplierId, final String sku, final int leadTimeDays) {
        pipe(Topics.SUPPLIER_OFFERS, Topics.offerKey(supplierId, sku), new SupplierOffer(id("offer"), now, supplierId,
                sku, leadTimeDays, new BigDecimal("1.0000"), "EUR", 1, 1, false, 1.0, true));
        return this;
    }

    /** backorder-processor's schedule: purchase-order line "po-1"/"l1" of {@code expected} units on {@code date}. */
    InventoryDriver supply(final String sku, final int expected, final int received, final LocalDate date,
                           final String nextSupplier, final Integer nextLead, final int onOrder, final long through) {
        final List<InboundSupply> inbound = expected == 0 ? List.of() : List.of(new InboundSupply("po-1", "l1", "acme",
                expected, received, List.of(new InboundArrival(date, expected))));
        pipe(Topics.SKU_SUPPLY, sku, new SkuSupply(id("supply"), now, sku, inbound,
                nextSupplier == null ? null : new NextOrder(nextSupplier, nextLead, false), onOrder, through, null,
                List.of(), null));
        return this;
    }

    /** A backorderable SKU with a 5-day supplier, nothing in stock. */
    InventoryDriver sku(final String sku) {
        return policy(policy(sku)).offer("acme", sku, 5);
    }

    // ---- warehouse

    InventoryDriver receive(final String sku, final int quantity) {
        return receive(sku, quantity, id("mv"), null);
    }

    InventoryDriver receive(final String sku, final int quantity, final String movementId, final String purchaseOrderId) {
        pipe(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived(id("ev"), now, movementId, "wh-1", sku,
                quantity, purchaseOrderId, purchaseOrderId == null ? null : "l1")));
        return this;
    }

    InventoryDriver adjust(final String sku, final int delta) {
        pipe(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockAdjusted(id("ev"), now, id("mv"), "wh-1", sku,
                delta, "count")));
        return this;
    }

    InventoryDriver ship(final String sku, final String orderId, final String lineId, final int quantity) {
        return ship(sku, orderId, lineId, quantity, id("mv"));
    }

    InventoryDriver ship(final String sku, final String orderId, final String lineId, final int quantity,
                         final String movementId) {
        pipe(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockShipped(id("ev"), now, movementId, "wh-1", sku,
                orderId, lineId, quantity, "dhl", "TRACK-1")));
        return this;
    }

    // ---- shops

    record Line(String lineId, String sku, int quantity, BigDecimal unitPrice) {
    }

    static Line line(final String lineId, final String sku, final int quantity) {
        return new Line(lineId, sku, quantity, new BigDecimal("10.0000"));
    }

    InventoryDriver order(final String orderId, final Line... lines) {
        return order(orderId, ShippingPolicy.PARTIAL, CustomerTier.STANDARD, null, lines);
    }

    InventoryDriver order(final String orderId, final ShippingPolicy shippingPolicy, final CustomerTier tier,
                          final Integer maxWaitDays, final Line... lines) {
        return order(placed(id("order-ev"), orderId, shippingPolicy, tier, maxWaitDays, lines));
    }

    OrderPlaced placed(final String eventId, final String orderId, final ShippingPolicy shippingPolicy,
                       final CustomerTier tier, final Integer maxWaitDays, final Line... lines) {
        return OrderPlaced.newBuilder().setEventId(eventId).setOccurredAt(now).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + orderId).setEmail(null).setTier(tier).build())
                .setPlacedAt(now).setShippingPolicy(shippingPolicy).setMaxWaitDays(maxWaitDays).setCurrency("EUR")
                .setLines(Arrays.stream(lines).map(l -> new OrderLine(l.lineId(), l.sku(), l.quantity(), l.unitPrice()))
                        .toList())
                .build();
    }

    InventoryDriver order(final OrderPlaced placed) {
        pipe(Topics.ORDER_EVENTS, placed.getOrderId(), new OrderEvent(placed));
        return this;
    }

    InventoryDriver cancel(final String orderId, final String... lineIds) {
        pipe(Topics.ORDER_EVENTS, orderId, new OrderEvent(new OrderCancellationRequested(id("cancel-ev"), now, orderId,
                "shop-1", List.of(lineIds), "changed my mind")));
        return this;
    }

    // ---- outputs

    /** Line events since the last call, event payloads only. */
    List<Object> lineEvents() {
        return harness.output(Topics.LINE_EVENTS).readValuesToList().stream().map(LineEvent::getEvent).toList();
    }

    List<TestRecord<String, LineEvent>> lineEventRecords() {
        return harness.output(Topics.LINE_EVENTS).readRecordsToList();
    }

    List<StockShortfall> shortfalls() {
        return harness.output(Topics.STOCK_SHORTFALLS).readValuesToList();
    }

    List<StockLevel> stockLevels() {
        return harness.output(Topics.STOCK_LEVELS).readValuesToList();
    }

    /** The shipment requests written since last asked (revocations stay for {@link #revocations}). */
    List<ShipmentRequested> shipments() {
        return take(ShipmentRequested.class);
    }

    /** A revocation of one line as {@code orderId/lineId:quantity:reason}. */
    static String revoked(final ShipmentRequestRevoked r) {
        final io.restock.events.LineQuantity q = r.getLines().getFirst();
        return r.getOrderId() + "/" + q.getLineId() + ":" + q.getQuantity() + ":" + r.getReason();
    }

    /** The shipment requests revoked since last asked. */
    List<ShipmentRequestRevoked> revocations() {
        return take(ShipmentRequestRevoked.class);
    }

    private <T> List<T> take(final Class<T> type) {
        shipmentsRead.addAll(harness.output(Topics.SHIPMENT_REQUESTS).readValuesToList());
        final List<T> taken = shipmentsRead.stream().filter(type::isInstance).map(type::cast).toList();
        shipmentsRead.removeIf(type::isInstance);
        return taken;
    }

    /** Dead letters of a source topic (or of the application, for internal topics). */
    List<TestRecord<String, byte[]>> deadLetters(final String sourceTopic) {
        return harness.deadLetters(sourceTopic);
    }

    /** The SKU's header (position, terms, counters), or null if the SKU holds nothing. */
    SkuState book(final String sku) {
        final KeyValueStore<String, SkuState> store = harness.driver().getKeyValueStore(InventoryTopology.SKU_STOCK);
        return store.get(sku);
    }

    /** The SKU's open lines. */
    List<LineState> lines(final String sku) {
        final KeyValueStore<String, LineState> store = harness.driver().getKeyValueStore(InventoryTopology.SKU_LINES);
        final List<LineState> lines = new ArrayList<>();
        try (var all = store.prefixScan(SkuKeys.of(sku), new StringSerializer())) {
            all.forEachRemaining(entry -> lines.add(entry.value));
        }
        return lines;
    }

    void drain() {
        lineEvents();
        shortfalls();
        stockLevels();
        shipments();
        revocations();
    }

    @Override
    public void close() {
        harness.close();
    }
}
