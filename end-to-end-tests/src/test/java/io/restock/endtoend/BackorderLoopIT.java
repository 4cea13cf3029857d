package io.restock.endtoend;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.config.BackorderStreamsConfig;
import io.restock.backorder.topology.BackorderTopology;
import io.restock.events.AcknowledgedLine;
import io.restock.events.BackorderAllocated;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShippedLine;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole backorder loop on a real broker and registry, inventory-stream and backorder-processor
 * both under exactly_once_v2, every step observed with read_committed: an order beyond stock is
 * backordered and raises a shortfall; the shortfall becomes a purchase order (minimum 20); the
 * supplier acknowledges a later date; the backorder's delivery date changes; the receipt against the
 * purchase-order line fills the backorder.
 */
@RestockKafka
class BackorderLoopIT {

    @Test
    void orderBeyondStockIsOrderedPromisedReplannedAndFilled(final KafkaEnvironment kafka,
                                                             @TempDir final Path inventoryState,
                                                             @TempDir final Path backorderState) throws Exception {
        final LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Loop loop = new Loop(kafka, inventoryState, backorderState, "", "acme-", false);
             Watch<io.restock.events.StockLevel> levels = new Watch<>(kafka, Topics.STOCK_LEVELS, loop.serdes);
             Watch<LineEvent> lines = new Watch<>(kafka, Topics.LINE_EVENTS, loop.serdes);
             Watch<StockShortfall> shortfalls = new Watch<>(kafka, Topics.STOCK_SHORTFALLS, loop.serdes);
             Watch<PurchaseOrderEvent> purchaseOrders = new Watch<>(kafka, Topics.PURCHASE_ORDERS, loop.serdes);
             Watch<DeliveryDateChanged> dates = new Watch<>(kafka, Topics.DELIVERY_DATES, loop.serdes)) {
            loop.catalogueAndStock();
            // The catalogue and the stock are in before the order: both applications start on them.
            loop.start();
            levels.first(loop.sku, l -> l.getOnHand() == 10 ? Optional.of(l) : Optional.empty());
            loop.orderFifteen();

            // order beyond stock -> backordered, shortfall
            final LineBackordered backordered = lines.first(loop.orderId,
                    e -> e.getEvent() instanceof LineBackordered b ? Optional.of(b) : Optional.empty());
            assertThat(backordered.getQuantity()).isEqualTo(5);
            final StockShortfall shortfall = shortfalls.first(loop.sku, Optional::of);
            assertThat(shortfall.getQuantity()).isEqualTo(5);

            // shortfall -> purchase order of 20 (minimum 20, pack 10)
            final PurchaseOrderIssued issued = purchaseOrders.firstAny(e -> e.getEvent() instanceof PurchaseOrderIssued i
                    && i.getSupplierId().equals(loop.supplier) ? Optional.of(i) : Optional.empty());
            final PurchaseOrderLine line = issued.getLines().getFirst();
            assertThat(line.getSku()).isEqualTo(loop.sku);
            assertThat(line.getQuantity()).isEqualTo(20);

            // supplier acknowledges a later date -> the backorder's date changes
            final LocalDate promised = today.plusDays(20);
            loop.send(Topics.SUPPLIER_EVENTS, issued.getPurchaseOrderId(), new SupplierEvent(
                    new PurchaseOrderAcknowledged("ack-" + loop.run, Instant.now(), issued.getPurchaseOrderId(),
                            loop.supplier, "msg-" + loop.run,
                            List.of(new AcknowledgedLine(line.getLineId(), 20, promised)))));
            final DeliveryDateChanged changed = dates.first(loop.orderId,
                    c -> c.getNewDate().equals(promised.plusDays(1)) ? Optional.of(c) : Optional.empty());
            assertThat(changed.getSku()).isEqualTo(loop.sku);

            // receipt against the line -> the backorder is allocated
            loop.send(Topics.STOCK_MOVEMENTS, loop.sku, new StockMovement(new StockReceived("r2-" + loop.run,
                    Instant.now(), "mv2-" + loop.run, "wh-1", loop.sku, 20, issued.getPurchaseOrderId(),
                    line.getLineId())));
            final BackorderAllocated filled = lines.first(loop.orderId,
                    e -> e.getEvent() instanceof BackorderAllocated a ? Optional.of(a) : Optional.empty());
            assertThat(filled.getQuantity()).isEqualTo(5);
            assertThat(filled.getRemainingBackordered()).isZero();
        }
    }

    /**
     * Drop-ship on a real broker (rule 8): the SKU's next supplier drop-ships, so the remainder of an order beyond
     * stock is routed to it (dated today + its lead time, not queued), gets its own drop-ship purchase-order line
     * of exactly its units, is re-dated by the supplier's acknowledgement and shipped by its shipment notice, and
     * on-hand never moves.
     */
    @Test
    void aDropShippedLineIsOrderedRedatedAndShippedWithoutTouchingStock(final KafkaEnvironment kafka,
                                                                        @TempDir final Path inventoryState,
                                                                        @TempDir final Path backorderState)
            throws Exception {
        final LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Loop loop = new Loop(kafka, inventoryState, backorderState, "ds-", "ds-", true);
             Watch<io.restock.events.StockLevel> levels = new Watch<>(kafka, Topics.STOCK_LEVELS, loop.serdes);
             Watch<io.restock.events.SkuSupply> schedules = new Watch<>(kafka, Topics.SKU_SUPPLY, loop.serdes);
             Watch<LineEvent> lines = new Watch<>(kafka, Topics.LINE_EVENTS, loop.serdes);
             Watch<PurchaseOrderEvent> purchaseOrders = new Watch<>(kafka, Topics.PURCHASE_ORDERS, loop.serdes);
             Watch<DeliveryDateChanged> dates = new Watch<>(kafka, Topics.DELIVERY_DATES, loop.serdes)) {
            loop.catalogueAndStock();
            loop.start();
            levels.first(loop.sku, l -> l.getOnHand() == 10 ? Optional.of(l) : Optional.empty());
            // Whether a line is drop-shipped is the schedule's word (nextOrder.dropShip): an order before it is
            // queued as a stock backorder from the local offer, so this test orders once the schedule says so.
            schedules.first(loop.sku, s -> s.getNextOrder() != null && s.getNextOrder().getDropShip()
                    ? Optional.of(s) : Optional.empty());
            loop.orderFifteen();

            final LineBackordered routed = lines.first(loop.orderId, e -> e.getEvent() instanceof LineBackordered b
                    ? Optional.of(b) : Optional.empty());
            assertThat(routed.getQuantity()).isEqualTo(5);
            assertThat(routed.getDropShipSupplierId()).isEqualTo(loop.supplier);
            assertThat(routed.getQueuePosition()).isZero();
            assertThat(routed.getPromisedDate()).isEqualTo(today.plusDays(5));

            final PurchaseOrderIssued issued = purchaseOrders.firstAny(e -> e.getEvent() instanceof PurchaseOrderIssued i
                    && i.getSupplierId().equals(loop.supplier) ? Optional.of(i) : Optional.empty());
            final PurchaseOrderLine line = issued.getLines().getFirst();
            assertThat(line.getDropShip()).isTrue();
            assertThat(line.getQuantity()).as("the customer's units, no MOQ").isEqualTo(5);
            assertThat(line.getDropShipOrderId()).isEqualTo(loop.orderId);

            final LocalDate promised = today.plusDays(7);
            loop.send(Topics.SUPPLIER_EVENTS, issued.getPurchaseOrderId(), new SupplierEvent(
                    new PurchaseOrderAcknowledged("ack-" + loop.run, Instant.now(), issued.getPurchaseOrderId(),
                            loop.supplier, "msg-" + loop.run,
                            List.of(new AcknowledgedLine(line.getLineId(), 5, promised)))));
            assertThat(dates.first(loop.orderId,
                    c -> c.getNewDate().equals(promised) ? Optional.of(c) : Optional.empty())
                    .getPreviousDate()).isEqualTo(today.plusDays(5));

            loop.send(Topics.SUPPLIER_EVENTS, issued.getPurchaseOrderId(), new SupplierEvent(
                    new ShipmentDispatched("ship-" + loop.run, Instant.now(), issued.getPurchaseOrderId(),
                            loop.supplier, "msg2-" + loop.run, "sh-" + loop.run, promised, "DHL", "JD-" + loop.run,
                            List.of(new ShippedLine(line.getLineId(), 5)))));
            final LineDropShipped shipped = lines.first(loop.orderId, e -> e.getEvent() instanceof LineDropShipped d
                    ? Optional.of(d) : Optional.empty());
            assertThat(shipped.getQuantity()).isEqualTo(5);
            assertThat(levels.latest(loop.sku)).satisfies(l -> {
                assertThat(l.getOnHand()).as("drop-shipped units never were on hand").isEqualTo(10);
                assertThat(l.getBackordered()).isZero();
            });
        }
    }

    /**
     * One run of the loop: the run's names (SKU, supplier, order), the catalogue provisioned, a producer, and
     * inventory-stream and backorder-processor, each with its own configuration (exactly_once_v2), application id
     * and state, not started yet.
     */
    private static final class Loop implements AutoCloseable {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String sku;
        final String supplier;
        final String orderId;
        final EventSerdes serdes;
        private final boolean dropShip;
        private final KafkaProducer<String, byte[]> producer;
        private final KafkaStreams inventory;
        private final KafkaStreams backorders;

        /**
         * @param name     prefix of the SKU's and the order's names and of the application ids
         * @param dropShip whether the SKU and its supplier's offer allow drop-ship, and backorder-processor uses it
         */
        Loop(final KafkaEnvironment kafka, final Path inventoryState, final Path backorderState, final String name,
             final String supplierName, final boolean dropShip) throws Exception {
            this.sku = "sku-" + name + run;
            this.supplier = supplierName + run;
            this.orderId = "order-" + name + run;
            this.dropShip = dropShip;
            this.serdes = provisioned(kafka);
            this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                    new ByteArraySerializer());
            this.inventory = inventoryStream(kafka, serdes, inventoryState, "inventory-stream-" + name + "it-" + run);
            this.backorders = backorderProcessor(kafka, serdes, backorderState,
                    "backorder-processor-" + name + "it-" + run, dropShip);
        }

        void start() {
            inventory.start();
            backorders.start();
        }

        /**
         * The SKU (backorderable, 60 days' wait, handling 1 day), its supplier's offer (lead time 5 days, minimum 20,
         * pack 10), drop-ship allowed on both as the loop says, and 10 units received.
         */
        void catalogueAndStock() throws Exception {
            final Instant now = Instant.now();
            send(Topics.SKU_POLICIES, sku, SkuPolicy.newBuilder().setEventId("p-" + run)
                    .setOccurredAt(now).setSku(sku).setBackorderable(true).setMaxWaitDays(60).setReorderPoint(0)
                    .setTargetLevel(0).setHandlingDays(1).setSubstitutes(List.of()).setDropShipAllowed(dropShip)
                    .build());
            send(Topics.SUPPLIER_OFFERS, Topics.offerKey(supplier, sku), new SupplierOffer("so-" + run,
                    now, supplier, sku, 5, new BigDecimal("2.0000"), "EUR", 20, 10, dropShip, 1.0, true));
            send(Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived("r-" + run, now,
                    "mv-" + run, "wh-1", sku, 10, null, null)));
        }

        /** An order of 15 units of the SKU (one line, PARTIAL, a standard customer), placed now. */
        void orderFifteen() throws Exception {
            send(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                    .setEventId("o-" + run).setOccurredAt(Instant.now()).setOrderId(orderId).setShopId("shop-1")
                    .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null)
                            .setTier(CustomerTier.STANDARD).build())
                    .setPlacedAt(Instant.now()).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null)
                    .setCurrency("EUR").setLines(List.of(new OrderLine("1", sku, 15, new BigDecimal("9.9900"))))
                    .build()));
        }

        <V> void send(final Topic<String, V> topic, final String key, final V value) throws Exception {
            producer.send(new ProducerRecord<>(topic.name(), key,
                    topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
        }

        @Override
        public void close() {
            backorders.close();
            inventory.close();
            producer.close();
        }
    }

    /** Every topic of the catalogue provisioned on the broker and registry; the registry's serdes. */
    private static EventSerdes provisioned(final KafkaEnvironment kafka) {
        TopicProvisioner.provision(kafka.bootstrapServers(), Map.of(), kafka.schemaRegistryUrl(), Duration.ofSeconds(20),
                Topics.ALL);
        return EventSerdes.registry(new HttpSchemaRegistryClient(kafka.schemaRegistryUrl()), false);
    }

    /** inventory-stream's topology with its own configuration (exactly_once_v2), application id and state. */
    private static KafkaStreams inventoryStream(final KafkaEnvironment kafka, final EventSerdes serdes,
                                                final Path state, final String applicationId) {
        final StreamsBuilder inventory = new StreamsBuilder();
        InventoryTopology.define(inventory, serdes, InventorySettings.defaults());
        final Properties props = InventoryStreamsConfig.properties(kafka.bootstrapServers(), state.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return new KafkaStreams(inventory.build(), props);
    }

    /**
     * backorder-processor's topology with its own configuration (exactly_once_v2), application id and state, batching
     * shortfalls for a second; {@code dropShip}: whether its suppliers may drop-ship.
     */
    private static KafkaStreams backorderProcessor(final KafkaEnvironment kafka, final EventSerdes serdes,
                                                   final Path state, final String applicationId,
                                                   final boolean dropShip) {
        final StreamsBuilder backorders = new StreamsBuilder();
        BackorderTopology.define(backorders, serdes, new BackorderSettings(
                io.restock.allocation.rules.PromiseSettings.defaults(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), true, dropShip, 1000, Duration.ofMinutes(5)));
        final Properties props = BackorderStreamsConfig.properties(kafka.bootstrapServers(), state.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        return new KafkaStreams(backorders.build(), props);
    }

    /** A read_committed consumer of one topic that keeps what it saw. */
    private static final class Watch<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

        Watch(final KafkaEnvironment kafka, final Topic<String, V> topic, final EventSerdes serdes) {
            final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("bp-it-" + UUID.randomUUID()));
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            final Deserializer<V> values = topic.valueSerde(serdes).deserializer();
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
            consumer.subscribe(List.of(topic.name()));
        }

        <T> T first(final String key, final Function<V, Optional<T>> match) {
            return awaitRecord(r -> key.equals(r.key()) && r.value() != null ? match.apply(r.value()) : Optional.empty());
        }

        /** The last value seen for {@code key} so far (after reading what is there now). */
        V latest(final String key) {
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            return seen.stream().filter(r -> key.equals(r.key()) && r.value() != null).reduce((a, b) -> b)
                    .map(ConsumerRecord::value).orElseThrow();
        }

        <T> T firstAny(final Function<V, Optional<T>> match) {
            return awaitRecord(r -> r.value() != null ? match.apply(r.value()) : Optional.empty());
        }

        private <T> T awaitRecord(final Function<ConsumerRecord<String, V>, Optional<T>> match) {
            final List<T> found = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    seen.stream().map(match).flatMap(Optional::stream).findFirst().ifPresent(found::add);
                    return !found.isEmpty();
                });
            } catch (final org.awaitility.core.ConditionTimeoutException e) {
                // What the topic did carry is the first thing to know when the expected record never came.
                throw new AssertionError("no matching record on " + consumer.subscription() + " within 120 s; seen: "
                        + seen.stream().map(r -> r.key() + "=" + r.value()).toList(), e);
            }
            return found.getFirst();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
