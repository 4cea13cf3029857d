package io.restock.notifier.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.Customer;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineQuantity;
import io.restock.events.LineRejected;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockShipped;
import io.restock.events.Substitute;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.schemas.topics.Topics;
import io.restock.streamstest.TopologyHarness;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The real decisions topology in a {@link TopologyTestDriver}. Wall-clock time is the driver's: the
 * punctuation that sends due notices runs on {@link #advance}.
 */
final class NotifierDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-11-24");

    final TopologyHarness harness;
    private final TestOutputTopic<String, NotificationRequested> outbox;
    private int sequence;

    /** Records piped on each input topic are 1 ms apart from {@link #T0}. */
    NotifierDriver(final NotifierSettings settings) {
        harness = new TopologyHarness("notifier-driver", NotifierStreamsConfig::properties,
                (builder, serdes) -> NotifierTopology.define(builder, serdes, settings), T0, Duration.ofMillis(1));
        outbox = harness.driver().createOutputTopic(NotifierTopics.OUTBOX, new StringDeserializer(),
                NotifierTopics.outboxSerde());
    }

    NotifierDriver() {
        this(NotifierSettings.defaults());
    }

    String id(final String prefix) {
        return prefix + "-" + (++sequence);
    }

    NotifierDriver advance(final Duration duration) {
        harness.driver().advanceWallClockTime(duration);
        return this;
    }

    NotifierDriver order(final String orderId, final String email, final String locale, final String... lineIds) {
        return order(ShippingPolicy.PARTIAL, orderId, email, locale, lineIds);
    }

    /** An order that ships only whole. */
    NotifierDriver completeOrder(final String orderId, final String email, final String locale, final String... lineIds) {
        return order(ShippingPolicy.COMPLETE, orderId, email, locale, lineIds);
    }

    private NotifierDriver order(final ShippingPolicy policy, final String orderId, final String email,
                                 final String locale, final String... lineIds) {
        final OrderPlaced placed = OrderPlaced.newBuilder().setEventId(id("order")).setOccurredAt(T0)
                .setOrderId(orderId).setShopId("shop-1").setShippingPolicy(policy)
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + orderId).setEmail(email).setLocale(locale).build())
                .setPlacedAt(T0).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(Arrays.stream(lineIds).map(l -> new OrderLine(l, "sku-" + l, 3, new BigDecimal("9.9900")))
                        .toList())
                .build();
        harness.input(Topics.ORDER_EVENTS).pipeInput(orderId, new OrderEvent(placed));
        return this;
    }

    private void lineEvent(final String orderId, final Object event) {
        harness.input(Topics.LINE_EVENTS).pipeInput(orderId, new LineEvent(event));
    }

    String backordered(final String orderId, final String lineId, final LocalDate promised) {
        final String eventId = id("bo");
        lineEvent(orderId, new LineBackordered(eventId, T0, orderId, lineId, "sku-" + lineId, 2, 3, 1, promised, T0,
                null, null, null, false));
        return eventId;
    }

    String dateChanged(final String orderId, final String lineId, final LocalDate from, final LocalDate to) {
        final String eventId = id("dd");
        harness.input(Topics.DELIVERY_DATES).pipeInput(orderId, new DeliveryDateChanged(eventId, T0, orderId, lineId,
                "sku-" + lineId, from, to, DateChangeReason.PROMISED_DATE_CHANGED));
        return eventId;
    }

    String allocated(final String orderId, final String lineId, final int quantity, final int remaining) {
        final String eventId = id("ba");
        lineEvent(orderId, new BackorderAllocated(eventId, T0, orderId, lineId, "sku-" + lineId, quantity, remaining,
                null));
        return eventId;
    }

    /** The warehouse shipped waiting units of the line (inventory-stream's BackorderAllocated naming that shipment). */
    String allocatedByShipment(final String orderId, final String lineId, final int quantity, final int remaining,
                               final String movementId) {
        final String eventId = id("bs");
        lineEvent(orderId, new BackorderAllocated(eventId, T0, orderId, lineId, "sku-" + lineId, quantity, remaining,
                movementId));
        return eventId;
    }

    String cancelled(final String orderId, final String lineId) {
        final String eventId = id("bc");
        lineEvent(orderId, new BackorderCancelled(eventId, T0, orderId, lineId, "sku-" + lineId, 2));
        return eventId;
    }

    String rejected(final String orderId, final String lineId, final RejectionReason reason, final String... substitutes) {
        final String eventId = id("rj");
        lineEvent(orderId, new LineRejected(eventId, T0, orderId, lineId, "sku-" + lineId, 3, reason, null,
                Arrays.stream(substitutes).map(s -> new Substitute(s, 5)).toList()));
        return eventId;
    }

    /** inventory-stream asks the warehouse to ship these lines of the order (3 units each). */
    String shipmentRequested(final String orderId, final ShippingPolicy policy, final String... lineIds) {
        final String eventId = id("sr");
        harness.input(Topics.SHIPMENT_REQUESTS).pipeInput(orderId, new ShipmentRequested(eventId, T0, eventId, orderId,
                policy, Arrays.stream(lineIds).map(l -> new LineQuantity(l, "sku-" + l, 3)).toList()));
        return eventId;
    }

    /** The supplier shipped a drop-ship line straight to the customer (inventory-stream's LineDropShipped). */
    String dropShipped(final String orderId, final String lineId) {
        final String eventId = id("ds");
        lineEvent(orderId, new io.restock.events.LineDropShipped(eventId, T0, orderId, lineId, "sku-" + lineId, 3,
                "acme", "PO-acme-sku-" + lineId + "-ds1"));
        return eventId;
    }

    String shipped(final String orderId, final String lineId) {
        return shipped(orderId, lineId, id("mv"));
    }

    /** A shipment with this movement id (the warehouse may report one movement twice). */
    String shipped(final String orderId, final String lineId, final String movementId) {
        final String eventId = id("sh");
        harness.input(Topics.STOCK_MOVEMENTS).pipeInput("sku-" + lineId, new StockMovement(new StockShipped(eventId, T0,
                movementId, "wh-1", "sku-" + lineId, orderId, lineId, 3, "DHL", "TRACK-42")));
        return eventId;
    }

    List<NotificationRequested> requests() {
        return outbox.readValuesToList();
    }

    List<CustomerNotificationSuppressed> suppressed() {
        return harness.output(Topics.CUSTOMER_NOTIFICATIONS).readValuesToList().stream()
                .map(NotificationEvent::getEvent)
                .filter(CustomerNotificationSuppressed.class::isInstance)
                .map(CustomerNotificationSuppressed.class::cast).toList();
    }

    @Override
    public void close() {
        harness.close();
    }
}
