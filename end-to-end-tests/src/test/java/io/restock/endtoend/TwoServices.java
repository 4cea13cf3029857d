package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.backorder.topology.BackorderTopology;
import io.restock.events.AcknowledgedLine;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.LinePromise;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShippedLine;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both real topologies, inventory-stream and backorder-processor, each in its own
 * {@link TopologyTestDriver}, wired by their shared topics: every record one writes to a topic the
 * other reads is copied over, byte for byte, in a loop until neither has anything new ("quiet").
 * Inputs of the outside world (orders, movements, catalogue, supplier answers) go to whichever reads
 * them; every output is kept, decoded, for the checks.
 */
final class TwoServices implements AutoCloseable {

    /** Everything either service wrote, by topic, in order. */
    final Map<String, List<TestRecord<String, Object>>> written = new java.util.LinkedHashMap<>();
    /**
     * inventory-stream's line events and date changes in the order it wrote them. Record timestamps do
     * not give that order: a schedule published by the processor's wall-clock batch punctuation is
     * stamped later than supplier answers to that batch that are processed after it.
     */
    final List<Object> customerFacing = new ArrayList<>();
    private final TopologyTestDriver inventory;
    private final TopologyTestDriver backorders;
    private final EventSerdes serdes = EventSerdes.plain();
    private final List<Path> stateDirs = new ArrayList<>();
    private final BackorderSettings backorderSettings;
    private Instant wallClock;
    private int sequence;

    TwoServices(final PromiseSettings promises, final Instant start) {
        this(promises, start, false);
    }

    /** {@code dropShip}: backorder-processor's drop-ship setting ({@code backorder-processor.procurement.drop-ship}). */
    TwoServices(final PromiseSettings promises, final Instant start, final boolean dropShip) {
        final InventorySettings inventorySettings = new InventorySettings(promises.rule(),
                promises.defaultMaxWaitDays(), promises.zone(), 1000, 50);
        final StreamsBuilder ib = new StreamsBuilder();
        InventoryTopology.define(ib, serdes, inventorySettings);
        inventory = new TopologyTestDriver(ib.build(), InventoryStreamsConfig.properties("unused:9092", dir("inv")),
                start);
        backorderSettings = new BackorderSettings(promises, Duration.ofMinutes(15), Duration.ofMinutes(1), true,
                dropShip, 1000, Duration.ofHours(1));
        final StreamsBuilder bb = new StreamsBuilder();
        BackorderTopology.define(bb, serdes, backorderSettings);
        backorders = new TopologyTestDriver(bb.build(), BackorderStreamsConfig.properties("unused:9092",
                dir("bp")), start);
        wallClock = start;
    }

    /**
     * A state directory, in memory (/dev/shm) where there is one: TopologyTestDriver commits after every record,
     * and each commit flushes RocksDB and fsyncs checkpoint files, which on a disk was most of these tests' time.
     */
    private String dir(final String name) {
        try {
            final Path shm = Path.of("/dev/shm");
            final Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "two-services-" + name)
                    : Files.createTempDirectory("two-services-" + name);
            stateDirs.add(dir);
            return dir.toString();
        } catch (final java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String id(final String prefix) {
        return prefix + "-" + (++sequence);
    }

    // ---- the outside world

    void policy(final String sku, final Integer maxWaitDays, final int reorderPoint, final int targetLevel,
                final int handlingDays, final Instant at) {
        policy(sku, maxWaitDays, reorderPoint, targetLevel, handlingDays, false, at);
    }

    void policy(final String sku, final Integer maxWaitDays, final int reorderPoint, final int targetLevel,
                final int handlingDays, final boolean dropShipAllowed, final Instant at) {
        final SkuPolicy p = new SkuPolicy(id("policy"), at, sku, null, true, maxWaitDays, reorderPoint, 0, targetLevel,
                handlingDays, List.of(), dropShipAllowed);
        both(Topics.SKU_POLICIES, sku, p, at);
    }

    void offer(final String supplierId, final String sku, final int leadTimeDays, final String unitCost,
               final int moq, final int pack, final Instant at) {
        offer(supplierId, sku, leadTimeDays, unitCost, moq, pack, false, at);
    }

    void offer(final String supplierId, final String sku, final int leadTimeDays, final String unitCost,
               final int moq, final int pack, final boolean dropShip, final Instant at) {
        both(Topics.SUPPLIER_OFFERS, Topics.offerKey(supplierId, sku), new SupplierOffer(id("offer"), at, supplierId,
                sku, leadTimeDays, new BigDecimal(unitCost).setScale(4), "EUR", moq, pack, dropShip, 0.95, true), at);
    }

    /** The offer reaches inventory-stream only (backorder-processor has not read it yet: a lagging partition). */
    void offerToInventoryOnly(final String supplierId, final String sku, final int leadTimeDays, final Instant at) {
        pipe(inventory, Topics.SUPPLIER_OFFERS, Topics.offerKey(supplierId, sku), new SupplierOffer(id("offer"), at,
                supplierId, sku, leadTimeDays, new BigDecimal("1.0000"), "EUR", 1, 1, false, 0.95, true), at);
        settle(at);
    }

    /** The supplier's shipment notice for one line. */
    void ship(final String poId, final String supplierId, final String lineId, final int quantity,
              final java.time.LocalDate arrival, final Instant at) {
        pipe(backorders, Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new ShipmentDispatched(id("shipped"), at,
                poId, supplierId, id("msg"), id("shipment"), arrival, "DHL", "JD-1",
                List.of(new ShippedLine(lineId, quantity)))), at);
        settle(at);
    }

    /** Records inventory-stream dead-lettered, from the movements topic. */
    List<TestRecord<byte[], byte[]>> deadLetteredMovements() {
        return inventory.createOutputTopic(Topics.STOCK_MOVEMENTS.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    void order(final String orderId, final String sku, final int quantity, final int tier, final Instant at) {
        final OrderPlaced placed = OrderPlaced.newBuilder().setEventId(id("order")).setOccurredAt(at)
                .setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + orderId).setEmail(null)
                        .setTier(CustomerTier.values()[tier]).build())
                .setPlacedAt(at).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(List.of(new OrderLine("1", sku, quantity, new BigDecimal("10.0000"))))
                .build();
        pipe(inventory, Topics.ORDER_EVENTS, orderId, new OrderEvent(placed), at);
        settle(at);
    }

    /** An order event as order-intake wrote it (e.g. its own topology's output), read by inventory-stream. */
    void orderEvent(final String orderId, final OrderEvent event, final Instant at) {
        pipe(inventory, Topics.ORDER_EVENTS, orderId, event, at);
        settle(at);
    }

    void cancel(final String orderId, final Instant at) {
        pipe(inventory, Topics.ORDER_EVENTS, orderId, new OrderEvent(new OrderCancellationRequested(id("cancel"), at,
                orderId, "shop-1", List.of("1"), "changed mind")), at);
        settle(at);
    }

    /** A warehouse receipt; returns its event id (the cause id of what it fills). */
    String receive(final String sku, final int quantity, final String purchaseOrderId, final String lineId,
                   final Instant at) {
        if (quantity <= 0) {
            return null;
        }
        final String movementId = id("mv");
        final String eventId = id("received");
        both(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived(eventId, at, movementId, "wh-1",
                sku, quantity, purchaseOrderId, lineId)), at);
        return eventId;
    }

    /** The warehouse shipped units of an order line (read by both services); returns the shipment's event id. */
    String shipped(final String sku, final String orderId, final String lineId, final int quantity,
                   final String movementId, final Instant at) {
        final String eventId = id("shipped");
        both(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new io.restock.events.StockShipped(eventId, at, movementId,
                "wh-1", sku, orderId, lineId, quantity, "DHL", "JD-1")), at);
        return eventId;
    }

    void acknowledge(final String poId, final String supplierId, final String lineId, final int accepted,
                     final java.time.LocalDate promised, final Instant at) {
        pipe(backorders, Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderAcknowledged(id("ack"), at,
                poId, supplierId, id("msg"), List.of(new AcknowledgedLine(lineId, accepted, promised)))), at);
        settle(at);
    }

    void slip(final String poId, final String supplierId, final String lineId, final java.time.LocalDate promised,
              final Instant at) {
        pipe(backorders, Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PromisedDateChanged(id("slip"), at, poId,
                supplierId, id("msg"), List.of(new LinePromise(lineId, promised)))), at);
        settle(at);
    }

    void reject(final String poId, final String supplierId, final String lineId, final Instant at) {
        pipe(backorders, Topics.SUPPLIER_EVENTS, poId, new SupplierEvent(new PurchaseOrderRejected(id("reject"), at,
                poId, supplierId, id("msg"), List.of(lineId), "out of stock")), at);
        settle(at);
    }

    /** Lets every open supplier batch close (the wall-clock backstop passes the window). */
    void closeBatches(final Instant at) {
        final Instant target = at.plus(backorderSettings.batchWindow()).plus(backorderSettings.idleFlushAfter())
                .plusSeconds(1);
        if (target.isAfter(wallClock)) {
            backorders.advanceWallClockTime(Duration.between(wallClock, target));
            wallClock = target;
        }
        settle(at);
    }

    // ---- wiring

    private <V> void both(final Topic<String, V> topic, final String key, final V value, final Instant at) {
        pipe(inventory, topic, key, value, at);
        pipe(backorders, topic, key, value, at);
        settle(at);
    }

    private <V> void pipe(final TopologyTestDriver driver, final Topic<String, V> topic, final String key,
                          final V value, final Instant at) {
        driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer())
                .pipeInput(key, value, at);
        if (driver == inventory) {
            drainInventory();
        }
    }

    /** Copies records between the two until neither writes anything the other reads. */
    void settle(final Instant at) {
        boolean moved = true;
        while (moved) {
            moved = false;
            moved |= copy(inventory, Topics.STOCK_LEVELS, backorders);
            moved |= copy(inventory, Topics.STOCK_SHORTFALLS, backorders);
            moved |= copy(backorders, Topics.SKU_SUPPLY, inventory);
            drainInventory();
            keep(inventory, Topics.SHIPMENT_REQUESTS);
            keep(backorders, Topics.PURCHASE_ORDERS);
        }
    }

    private <V> boolean copy(final TopologyTestDriver from, final Topic<String, V> topic, final TopologyTestDriver to) {
        final List<TestRecord<byte[], byte[]>> records = from.createOutputTopic(topic.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        if (records.isEmpty()) {
            return false;
        }
        final var input = to.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
        for (final TestRecord<byte[], byte[]> r : records) {
            input.pipeInput(r.key(), r.value(), r.timestamp());
            record(topic, r);
            if (to == inventory) {
                drainInventory();
            }
        }
        return true;
    }

    private <V> void keep(final TopologyTestDriver from, final Topic<String, V> topic) {
        from.createOutputTopic(topic.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().forEach(r -> record(topic, r));
    }

    /**
     * Drains inventory-stream's customer-facing outputs of the one input just piped: line events,
     * then date changes (the book emits fills and acceptances before it re-projects).
     */
    private void drainInventory() {
        final int lines = written.getOrDefault(Topics.LINE_EVENTS.name(), List.of()).size();
        final int dates = written.getOrDefault(Topics.DELIVERY_DATES.name(), List.of()).size();
        keep(inventory, Topics.LINE_EVENTS);
        keep(inventory, Topics.DELIVERY_DATES);
        written.getOrDefault(Topics.LINE_EVENTS.name(), List.of()).stream().skip(lines)
                .forEach(r -> customerFacing.add(((io.restock.events.LineEvent) r.value()).getEvent()));
        written.getOrDefault(Topics.DELIVERY_DATES.name(), List.of()).stream().skip(dates)
                .forEach(r -> customerFacing.add(r.value()));
    }

    private <V> void record(final Topic<String, V> topic, final TestRecord<byte[], byte[]> r) {
        final String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
        final Object value = r.value() == null ? null
                : topic.valueSerde(serdes).deserializer().deserialize(topic.name(), r.value());
        written.computeIfAbsent(topic.name(), k -> new ArrayList<>())
                .add(new TestRecord<>(key, value, r.headers(), r.timestamp()));
    }

    // ---- reads

    @SuppressWarnings("unchecked")
    <V> List<V> values(final Topic<String, V> topic) {
        return written.getOrDefault(topic.name(), List.of()).stream().map(r -> (V) r.value()).toList();
    }

    List<Object> lineEvents() {
        return values(Topics.LINE_EVENTS).stream().map(e -> (Object) ((LineEvent) e).getEvent()).toList();
    }

    List<DeliveryDateChanged> dateChanges() {
        return values(Topics.DELIVERY_DATES);
    }

    List<Object> purchaseOrderEvents() {
        return values(Topics.PURCHASE_ORDERS).stream().map(e -> (Object) ((PurchaseOrderEvent) e).getEvent()).toList();
    }

    /** The last stock level inventory-stream published for the SKU. */
    StockLevel level(final String sku) {
        final List<StockLevel> levels = values(Topics.STOCK_LEVELS).stream().filter(l -> l.getSku().equals(sku)).toList();
        return levels.isEmpty() ? null : levels.getLast();
    }

    /** The last schedule backorder-processor published for the SKU. */
    /**
     * What backorder-processor holds of the SKU's stock position, as it read it from {@code inventory.stock-levels}:
     * {@code [available, allocated, backordered]}, or null if it has no plan for the SKU.
     */
    int[] processorStock(final String sku) {
        final org.apache.kafka.streams.state.KeyValueStore<String, io.restock.backorder.internal.SkuPlanState> plans =
                backorders.getKeyValueStore(io.restock.backorder.topology.BackorderTopology.SKU_PLANS);
        final io.restock.backorder.internal.SkuPlanState plan = plans.get(sku);
        return plan == null ? null : new int[] {plan.getAvailable(), plan.getAllocated(), plan.getBackordered()};
    }

    SkuSupply supply(final String sku) {
        final List<SkuSupply> all = values(Topics.SKU_SUPPLY).stream().filter(s -> s != null && s.getSku().equals(sku))
                .toList();
        return all.isEmpty() ? null : all.getLast();
    }

    List<StockShortfall> shortfalls() {
        return values(Topics.STOCK_SHORTFALLS);
    }

    /** Every event id either service wrote, across every topic. */
    List<String> eventIds() {
        final List<String> ids = new ArrayList<>();
        written.values().forEach(records -> records.forEach(r -> {
            if (r.value() instanceof SpecificRecord s) {
                ids.add(eventId(s));
            }
        }));
        return ids;
    }

    private static String eventId(final SpecificRecord record) {
        if (record.getSchema().getField("eventId") != null) {
            return (String) record.get(record.getSchema().getField("eventId").pos());
        }
        final Object inner = record.get(0);
        return inner instanceof SpecificRecord s ? eventId(s) : String.valueOf(inner);
    }

    @Override
    public void close() {
        inventory.close();
        backorders.close();
        for (final Path dir : stateDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (final java.io.IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
