package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.BackorderAllocated;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockLevel;
import io.restock.orderintake.shops.ShopConfiguration;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.orderintake.status.OrderIntakeTopology;
import io.restock.orderintake.submission.Submissions;
import io.restock.orderintake.view.LineView;
import io.restock.orderintake.view.OrderView;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse shipment of units taken back from a line (DOMAIN.md rule 6), across the services that must agree on it:
 * inventory-stream applies it (the line waits for fewer, the lowest-priority holder gives units back),
 * backorder-processor reads the same stock position from {@code inventory.stock-levels} and buys nothing more, and
 * order-intake's status view, folded by its real topology from inventory-stream's line events, shows every line with
 * the allocated and backordered units inventory-stream's book holds, with no shipment request for the shipped units.
 */
class ShipmentFromBackorderAcrossServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final String SKU = "SKU-1";

    private TwoServices services;
    private TopologyTestDriver intake;
    private TestInputTopic<String, OrderEvent> intakeOrders;
    private TestInputTopic<String, LineEvent> intakeLines;
    private TestInputTopic<String, DeliveryDateChanged> intakeDates;
    private int lineEventsRelayed;
    private int dateChangesRelayed;

    @BeforeEach
    void start() throws Exception {
        services = new TwoServices(PromiseSettings.defaults(), T0);
        final EventSerdes serdes = EventSerdes.plain();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-intake");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("order-intake").toString());
        final ShopConfiguration shop = new ShopConfiguration("shop-1", "a".repeat(64), 200, null, null);
        intake = new TopologyTestDriver(OrderIntakeTopology.build(serdes,
                new Submissions(Clock.fixed(T0, ZoneOffset.UTC)), new ShopDirectory(List.of(shop)),
                (partition, offset) -> { }), props, T0);
        intakeOrders = intake.createInputTopic(Topics.ORDER_EVENTS.name(), Serdes.String().serializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).serializer());
        intakeLines = intake.createInputTopic(Topics.LINE_EVENTS.name(), Serdes.String().serializer(),
                Topics.LINE_EVENTS.valueSerde(serdes).serializer());
        intakeDates = intake.createInputTopic(Topics.DELIVERY_DATES.name(), Serdes.String().serializer(),
                Topics.DELIVERY_DATES.valueSerde(serdes).serializer());
    }

    @AfterEach
    void stop() {
        intake.close();
        services.close();
    }

    /** An order event on {@code orders.order-events}: read by inventory-stream and by order-intake's view. */
    private void orderEvent(final String orderId, final OrderEvent event, final Instant at) {
        intakeOrders.pipeInput(orderId, event, at);
        services.orderEvent(orderId, event, at);
        relay();
    }

    private void place(final String orderId, final int quantity, final Instant at) {
        orderEvent(orderId, new OrderEvent(OrderPlaced.newBuilder().setEventId(services.id("placed")).setOccurredAt(at)
                .setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + orderId).setEmail(null)
                        .setTier(CustomerTier.STANDARD).build())
                .setPlacedAt(at).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(List.of(new OrderLine("1", SKU, quantity, new BigDecimal("10.0000")))).build()), at);
    }

    /** inventory-stream's line events and date changes, in the order it wrote them, to order-intake's view. */
    @SuppressWarnings("unchecked")
    private void relay() {
        final List<TestRecord<String, Object>> lines = services.written.getOrDefault(Topics.LINE_EVENTS.name(), List.of());
        lines.stream().skip(lineEventsRelayed).forEach(r -> intakeLines.pipeInput(r.key(), (LineEvent) r.value(),
                r.timestamp()));
        lineEventsRelayed = lines.size();
        final List<TestRecord<String, Object>> dates = services.written.getOrDefault(Topics.DELIVERY_DATES.name(),
                List.of());
        dates.stream().skip(dateChangesRelayed).forEach(r -> intakeDates.pipeInput(r.key(),
                (DeliveryDateChanged) r.value(), r.timestamp()));
        dateChangesRelayed = dates.size();
    }

    private LineView shown(final String orderId) {
        final OrderView view = (OrderView) intake.getKeyValueStore(OrderIntakeTopology.ORDER_VIEWS).get(orderId);
        return view.find("1");
    }

    private List<String> requestsAndRevocations() {
        return services.values(Topics.SHIPMENT_REQUESTS).stream().map(v -> switch ((Object) v) {
            case ShipmentRequested r -> r.getOrderId() + " requested " + r.getLines().getFirst().getQuantity();
            case ShipmentRequestRevoked r -> r.getOrderId() + " revoked " + r.getLines().getFirst().getQuantity() + " "
                    + r.getReason();
            default -> "other";
        }).toList();
    }

    @Test
    void aLineShippedFromItsBackorderWaitsForFewerInEveryServiceAndNothingMoreIsBought() {
        services.policy(SKU, null, 0, 0, 1, T0);
        services.offer("acme", SKU, 5, "5.00", 1, 1, T0);
        services.receive(SKU, 10, null, null, T0);
        relay();
        // 10 in stock: O-1 takes 6, O-2 takes 4, O-3 waits for 5.
        place("O-1", 6, T0.plusSeconds(1));
        place("O-2", 4, T0.plusSeconds(2));
        place("O-3", 5, T0.plusSeconds(3));
        // O-1 cancels: its 6 go to O-3 (5), whose request goes out; the warehouse ships O-1's 6 anyway, so O-3's 5 go
        // back to backorder and its request is revoked.
        orderEvent("O-1", new OrderEvent(new OrderCancellationRequested(services.id("cancel"), T0.plusSeconds(10),
                "O-1", "shop-1", List.of("1"), "changed mind")), T0.plusSeconds(10));
        services.shipped(SKU, "O-1", "1", 6, "mv-o1", T0.plusSeconds(20));
        relay();
        assertThat(shown("O-3").backordered()).isEqualTo(5);
        final StockLevel before = services.level(SKU);
        final int shortfallsBefore = services.shortfalls().size();
        final int purchaseOrderEventsBefore = services.purchaseOrderEvents().size();
        final int shipmentEventsBefore = requestsAndRevocations().size();

        // The warehouse had picked O-3's request before it read the revocation: 3 units left the shelf.
        services.shipped(SKU, "O-3", "1", 3, "mv-o3", T0.plusSeconds(30));
        relay();

        assertThat(services.deadLetteredMovements()).isEmpty();
        assertThat(services.lineEvents()).filteredOn(BackorderAllocated.class::isInstance)
                .map(BackorderAllocated.class::cast).last()
                .satisfies(f -> assertThat(f.getShipmentMovementId()).isEqualTo("mv-o3"));
        // inventory-stream: on hand 4 - 3 = 1, O-2 keeps 1 of its 4, O-3 waits for 2 and O-2 for 3.
        final StockLevel after = services.level(SKU);
        assertThat(after.getOnHand()).isEqualTo(1);
        assertThat(after.getAllocated()).isEqualTo(1);
        assertThat(after.getBackordered()).isEqualTo(5);
        // order-intake's view shows the same lines (allocated counts units ever allocated, shipped ones included).
        assertThat(shown("O-3")).satisfies(l -> {
            assertThat(l.allocated()).as("its 3 shipped units").isEqualTo(3);
            assertThat(l.backordered()).as("it waits for fewer").isEqualTo(2);
        });
        assertThat(shown("O-2")).satisfies(l -> {
            assertThat(l.allocated()).isEqualTo(1);
            assertThat(l.backordered()).isEqualTo(3);
        });
        assertThat(shown("O-2").backordered() + shown("O-3").backordered()).isEqualTo(after.getBackordered());
        // backorder-processor reads the same position: the shelf and the demand both lost 3, nothing more to buy.
        assertThat(services.processorStock(SKU)).containsExactly(0, 1, 5);
        assertThat(after.getInventoryPosition()).isEqualTo(before.getInventoryPosition());
        assertThat(services.shortfalls()).hasSize(shortfallsBefore);
        assertThat(services.purchaseOrderEvents()).hasSize(purchaseOrderEventsBefore);
        // the warehouse: O-2's 3 returned units are revoked; nothing is requested for O-3's units already gone.
        final List<String> toTheWarehouse = requestsAndRevocations();
        assertThat(toTheWarehouse.subList(shipmentEventsBefore, toTheWarehouse.size()))
                .containsExactly("O-2 revoked 3 RETURNED_TO_BACKORDER");
    }
}
