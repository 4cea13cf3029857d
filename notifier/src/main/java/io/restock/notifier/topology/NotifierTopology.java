package io.restock.notifier.topology;

import io.restock.events.NotificationEvent;
import io.restock.events.StockShipped;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.internal.OrderContact;
import io.restock.notifier.internal.PendingNotices;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.streams.ByType;
import io.restock.schemas.streams.PrivateStores;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.List;

/**
 * The notifier's decisions, as a pure function of its inputs (no I/O, no injection): what to tell
 * each customer, when, and what not to tell and why. Delivery is the sender's job
 * ({@code io.restock.notifier.delivery.OutboxSender}).
 *
 * <p>Reads, all keyed by orderId so no repartition is needed for them:
 * {@code orders.order-events} ({@code OrderEvent}: the contact and lines of each order),
 * {@code inventory.line-events} ({@code LineEvent}), {@code promises.delivery-dates}
 * ({@code DeliveryDateChanged}), {@code inventory.shipment-requests} ({@code ShipmentRequested}: a COMPLETE
 * order's whole-order request is its READY_TO_SHIP; {@code ShipmentRequestRevoked} is ignored); and {@code inventory.stock-movements} (key sku, {@code StockMovement}),
 * whose {@code StockShipped} events are re-keyed by orderId through
 * {@code notifier-shipments-by-order-repartition} (key orderId, private Avro {@code StockShipped}).
 * One processor ({@link DecisionProcessor}) with stores {@value #ORDER_CONTACTS} (key orderId,
 * {@code OrderContact}) and {@value #PENDING_NOTICES} (key orderId, {@code PendingNotices}) writes
 * {@code notifier.outbox} (key orderId, private Avro {@code NotificationRequested}) and
 * {@code notifications.customer-notifications} (key orderId, {@code NotificationEvent}: the
 * suppressions; the sender writes the sends). Guarantee: exactly_once_v2 — a decision, its store
 * changes and its outputs commit together, so each decision reaches the outbox once.
 */
public final class NotifierTopology {

    public static final String ORDER_CONTACTS = "order-contacts";
    public static final String PENDING_NOTICES = "pending-notices";
    public static final String SHIPMENTS_BY_ORDER = "shipments-by-order";

    private NotifierTopology() {
    }

    public static void define(final StreamsBuilder builder, final EventSerdes serdes, final NotifierSettings settings) {
        builder.addStateStore(PrivateStores.keyValue(ORDER_CONTACTS, OrderContact.class));
        builder.addStateStore(PrivateStores.keyValue(PENDING_NOTICES, PendingNotices.class));

        final KStream<String, SpecificRecord> orders = builder
                .stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes).withName("read-order-events"))
                .mapValues(e -> (SpecificRecord) e.getEvent(), Named.as("unwrap-order-event"));
        final KStream<String, SpecificRecord> lines = builder
                .stream(Topics.LINE_EVENTS.name(), Topics.LINE_EVENTS.consumed(serdes).withName("read-line-events"))
                .mapValues(e -> (SpecificRecord) e.getEvent(), Named.as("unwrap-line-event"));
        final KStream<String, SpecificRecord> dates = builder
                .stream(Topics.DELIVERY_DATES.name(), Topics.DELIVERY_DATES.consumed(serdes).withName("read-delivery-dates"))
                .mapValues(e -> (SpecificRecord) e, Named.as("date-change-as-input"));
        final KStream<String, SpecificRecord> shipments = builder
                .stream(Topics.STOCK_MOVEMENTS.name(),
                        Topics.STOCK_MOVEMENTS.consumed(serdes).withName("read-stock-movements"))
                .flatMapValues(m -> m.getEvent() instanceof StockShipped s ? List.of(s) : List.<StockShipped>of(),
                        Named.as("select-shipments"))
                .selectKey((sku, shipped) -> shipped.getOrderId(), Named.as("key-shipments-by-order"))
                .repartition(Repartitioned.<String, StockShipped>as(SHIPMENTS_BY_ORDER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(StockShipped.class)))
                .mapValues(s -> (SpecificRecord) s, Named.as("shipment-as-input"));

        final KStream<String, SpecificRecord> shipmentRequests = builder
                .stream(Topics.SHIPMENT_REQUESTS.name(),
                        Topics.SHIPMENT_REQUESTS.consumed(serdes).withName("read-shipment-requests"));

        final KStream<String, SpecificRecord> decided = orders
                .merge(lines, Named.as("merge-line-events"))
                .merge(shipmentRequests, Named.as("merge-shipment-requests"))
                .merge(dates, Named.as("merge-delivery-dates"))
                .merge(shipments, Named.as("merge-shipments"))
                .process(() -> new DecisionProcessor(settings), Named.as("decide-notifications"),
                        ORDER_CONTACTS, PENDING_NOTICES);

        final ByType<String, SpecificRecord> decidedByType = ByType.split(decided, "route-notifications")
                .branch(NotificationRequested.class, "requests")
                .branch(NotificationEvent.class, "suppressions")
                .route();
        decidedByType.get(NotificationRequested.class)
                .to(NotifierTopics.OUTBOX, Produced.with(Serdes.String(), NotifierTopics.outboxSerde())
                        .withName("write-outbox"));
        decidedByType.get(NotificationEvent.class)
                .to(Topics.CUSTOMER_NOTIFICATIONS.name(),
                        Topics.CUSTOMER_NOTIFICATIONS.produced(serdes).withName("write-suppressions"));
    }
}
