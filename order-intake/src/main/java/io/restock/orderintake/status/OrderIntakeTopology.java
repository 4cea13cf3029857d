package io.restock.orderintake.status;

import io.restock.orderintake.shops.ShopRules;
import io.restock.orderintake.shoptopic.ShopSubmissionProcessor;
import io.restock.orderintake.shoptopic.ShopTopicOf;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.view.OrderView;
import io.restock.orderintake.view.OrderViewSerde;
import io.restock.orderintake.view.ViewProgress;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;


/**
 * order-intake's Kafka Streams application (application id {@code order-intake}, exactly-once):
 * <ul>
 *   <li><b>Status view.</b> Reads {@code orders.order-events}, {@code inventory.line-events} and
 *       {@code promises.delivery-dates} (all keyed by orderId, Avro) into the {@value #ORDER_VIEWS}
 *       store (orderId → {@link OrderView}, with the order's {@link Acceptance}). No repartition: the
 *       three topics are co-partitioned by orderId. It serves reads and cancellations; creating an
 *       order does not read it (idempotency is decided in memory, see {@code IdempotencyGuard}).</li>
 *   <li><b>Kafka entrance.</b> Reads every shop's {@code shops.<shopId>.order-submissions} (by pattern; key
 *       orderId, JSON; the shop is the topic's), validates each event ({@link ShopSubmissionProcessor}) and
 *       writes the canonical {@code OrderEvent} to {@code orders.order-events}, or the original bytes to
 *       {@code dlq.shops.<shopId>.order-submissions}, and the outcome to {@code shops.<shopId>.submission-outcomes}.
 *       It shares {@value #ORDER_VIEWS} with the view (same task, so the same orderId partition) to
 *       detect orders placed twice.</li>
 * </ul>
 * The store is RocksDB without a record cache, changelog {@code order-intake-order-views-changelog}; its
 * values are a private compact binary form with a format byte ({@link OrderViewSerde}). A pure function:
 * tests feed it to TopologyTestDriver.
 */
public final class OrderIntakeTopology {

    public static final String ORDER_VIEWS = OrderView.STORE;

    private OrderIntakeTopology() {
    }

    public static Topology build(final EventSerdes serdes, final Submissions submissions,
                                 final ShopRules shops, final ViewProgress progress) {
        final Topology topology = new Topology();
        final var key = Serdes.String();

        topology.addSource("read-order-events", key.deserializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(), Topics.ORDER_EVENTS.name());
        topology.addSource("read-line-events", key.deserializer(),
                Topics.LINE_EVENTS.valueSerde(serdes).deserializer(), Topics.LINE_EVENTS.name());
        topology.addSource("read-delivery-dates", key.deserializer(),
                Topics.DELIVERY_DATES.valueSerde(serdes).deserializer(), Topics.DELIVERY_DATES.name());
        topology.addSource("read-shop-submissions", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.SHOP_SUBMISSIONS_PATTERN);

        topology.addProcessor("apply-order-events", () -> new StatusViewProcessors.OrderEvents(progress),
                "read-order-events");
        topology.addProcessor("apply-line-events", StatusViewProcessors.LineFacts::lineEvents, "read-line-events");
        topology.addProcessor("apply-delivery-dates", StatusViewProcessors.LineFacts::deliveryDates,
                "read-delivery-dates");
        topology.addProcessor("validate-shop-submissions",
                () -> new ShopSubmissionProcessor(submissions, shops), "read-shop-submissions");

        topology.addSink(ShopSubmissionProcessor.WRITE_ORDER_EVENTS, Topics.ORDER_EVENTS.name(), key.serializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).serializer(), "validate-shop-submissions");
        topology.addSink(ShopSubmissionProcessor.WRITE_DEAD_LETTERS, ShopTopicOf.DEAD_LETTERS,
                new ByteArraySerializer(), new ByteArraySerializer(), "validate-shop-submissions");
        topology.addSink(ShopSubmissionProcessor.WRITE_OUTCOMES, ShopTopicOf.OUTCOMES,
                new ByteArraySerializer(), new ByteArraySerializer(), "validate-shop-submissions");

        // No record cache: an order's view is written a handful of times, so the cache saves few writes,
        // and its sorted-map insert per write cost more than RocksDB itself (profiled at ~7k orders/s).
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_VIEWS),
                        Serdes.String(), new OrderViewSerde()).withCachingDisabled(),
                "apply-order-events", "apply-line-events", "apply-delivery-dates", "validate-shop-submissions");
        return topology;
    }
}
