package io.restock.kpis.topology;

import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.kpis.internal.KpiCounters;
import io.restock.kpis.internal.KpiDelta;
import io.restock.kpis.internal.KpiGauges;
import io.restock.kpis.internal.LineTrack;
import io.restock.kpis.internal.OpenBackorders;
import io.restock.kpis.internal.PurchaseOrderTrack;
import io.restock.kpis.internal.ReceiptAgainstOrder;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.streams.PrivateStores;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * backorder-kpis' topology: reads the event topics, turns each event into what it adds to the KPIs (a
 * {@link KpiDelta}) next to the state that needs (per order line, per purchase order), and adds the deltas up on
 * one partition. Every topic read is the writer's, exactly once (the application runs exactly_once_v2):
 * <ul>
 *   <li>{@code inventory.line-events} (key orderId, {@code LineEvent}) and {@code promises.delivery-dates} (key
 *       orderId, {@code DeliveryDateChanged}) → {@code line-outcomes} with store {@code line-tracks};</li>
 *   <li>{@code procurement.purchase-orders} and {@code procurement.supplier-events} (key purchaseOrderId), and
 *       {@code StockReceived} against a purchase-order line from {@code inventory.stock-movements} (key sku),
 *       re-keyed by purchase order through {@code backorder-kpis-receipts-by-purchase-order-repartition}
 *       → {@code purchase-orders} with store {@code purchase-order-tracks};</li>
 *   <li>every dead-letter topic ({@code dlq.*}, any key and value, read as bytes) → {@code dead-letter-deltas};</li>
 *   <li>all deltas → {@code backorder-kpis-kpi-deltas-repartition} (one partition, key {@value #AGGREGATE_KEY})
 *       → {@code kpi-aggregator} with {@code kpi-minutes}, {@code kpi-hours} (window stores of per-minute and
 *       per-hour buckets), {@code kpi-totals}, {@code kpi-gauges} and {@code open-backorders}.</li>
 * </ul>
 * Why one partition for the sums: a KPI over everything needs one place to add up; one partition keeps every
 * figure exact, lets the reads go to one instance (the owner of the key {@value #AGGREGATE_KEY}), and the load is
 * one small record per line event, far below what one partition and one task take.
 */
public final class KpiTopology {

    /** The key of every delta, bucket, total and gauge. */
    public static final String AGGREGATE_KEY = "kpis";

    public static final String LINE_TRACKS = "line-tracks";
    public static final String PURCHASE_ORDER_TRACKS = "purchase-order-tracks";
    public static final String MINUTES = "kpi-minutes";
    public static final String HOURS = "kpi-hours";
    public static final String TOTALS = "kpi-totals";
    public static final String GAUGES = "kpi-gauges";
    public static final String OPEN_BACKORDERS = "open-backorders";

    public static final Duration MINUTE = Duration.ofMinutes(1);
    public static final Duration HOUR = Duration.ofHours(1);
    /** Minute buckets are kept 3 hours (the hour window reads the last 60), hour buckets 26 hours (the day reads 24). */
    static final Duration MINUTES_KEPT = Duration.ofHours(3);
    static final Duration HOURS_KEPT = Duration.ofHours(26);

    private KpiTopology() {
    }

    /**
     * Adds the topology to {@code builder}.
     *
     * @param zone the zone a fill's or a receipt's day is taken in, against promised dates
     */
    public static void define(final StreamsBuilder builder, final EventSerdes serdes, final ZoneId zone) {
        builder.addStateStore(PrivateStores.keyValue(LINE_TRACKS, LineTrack.class));
        builder.addStateStore(PrivateStores.keyValue(PURCHASE_ORDER_TRACKS, PurchaseOrderTrack.class));
        final PrivateAvroSerde<KpiCounters> counters = new PrivateAvroSerde<>(KpiCounters.class);
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(MINUTES, MINUTES_KEPT, MINUTE, false), Serdes.String(), counters)
                .withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(HOURS, HOURS_KEPT, HOUR, false), Serdes.String(), counters)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOTALS),
                Serdes.String(), counters).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(GAUGES, KpiGauges.class).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(OPEN_BACKORDERS, OpenBackorders.class).withCachingEnabled());

        final KStream<String, SpecificRecord> lineEvents = widen(builder.stream(Topics.LINE_EVENTS.name(),
                Topics.LINE_EVENTS.consumed(serdes).withName("line-events-source")));
        final KStream<String, SpecificRecord> dateChanges = widen(builder.stream(Topics.DELIVERY_DATES.name(),
                Topics.DELIVERY_DATES.consumed(serdes).withName("delivery-dates-source")));
        final KStream<String, KpiDelta> lineDeltas = lineEvents.merge(dateChanges, Named.as("line-inputs"))
                .process(() -> new LineOutcomes(LINE_TRACKS, zone), Named.as("line-outcomes"), LINE_TRACKS);

        final KStream<String, SpecificRecord> purchaseOrders = widen(builder.stream(Topics.PURCHASE_ORDERS.name(),
                Topics.PURCHASE_ORDERS.consumed(serdes).withName("purchase-orders-source")));
        final KStream<String, SpecificRecord> supplierEvents = widen(builder.stream(Topics.SUPPLIER_EVENTS.name(),
                Topics.SUPPLIER_EVENTS.consumed(serdes).withName("supplier-events-source")));
        final KStream<String, SpecificRecord> receipts = widen(builder.stream(Topics.STOCK_MOVEMENTS.name(),
                        Topics.STOCK_MOVEMENTS.consumed(serdes).withName("stock-movements-source"))
                .flatMap((sku, movement) -> receiptAgainstOrder(movement), Named.as("receipts-against-orders"))
                .repartition(Repartitioned.<String, ReceiptAgainstOrder>as("receipts-by-purchase-order")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(ReceiptAgainstOrder.class))));
        final KStream<String, KpiDelta> purchaseOrderDeltas = purchaseOrders
                .merge(supplierEvents, Named.as("purchase-order-answers"))
                .merge(receipts, Named.as("purchase-order-inputs"))
                .process(() -> new PurchaseOrders(PURCHASE_ORDER_TRACKS, zone), Named.as("purchase-orders"),
                        PURCHASE_ORDER_TRACKS);

        final KStream<String, KpiDelta> deadLetterDeltas = builder
                .stream(Pattern.compile(Pattern.quote(DeadLetters.PREFIX) + ".+"),
                        Consumed.with(Serdes.Bytes(), Serdes.Bytes()).withName("dead-letters-source"))
                .process(DeadLetterCount::new, Named.as("dead-letter-deltas"));

        lineDeltas.merge(purchaseOrderDeltas, Named.as("line-and-purchase-order-deltas"))
                .merge(deadLetterDeltas, Named.as("all-deltas"))
                .repartition(Repartitioned.<String, KpiDelta>as("kpi-deltas")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(KpiDelta.class))
                        .withNumberOfPartitions(1))
                .process(KpiAggregator::new, Named.as("kpi-aggregator"), MINUTES, HOURS, TOTALS, GAUGES,
                        OPEN_BACKORDERS);
    }

    /** The start of the minute bucket {@code epochMillis} falls in. */
    public static long minuteOf(final long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE.toMillis()) * MINUTE.toMillis();
    }

    /** The start of the hour bucket {@code epochMillis} falls in. */
    public static long hourOf(final long epochMillis) {
        return Math.floorDiv(epochMillis, HOUR.toMillis()) * HOUR.toMillis();
    }

    private static Iterable<KeyValue<String, ReceiptAgainstOrder>> receiptAgainstOrder(
            final StockMovement movement) {
        if (movement != null && movement.getEvent() instanceof StockReceived r && r.getPurchaseOrderId() != null
                && r.getPurchaseOrderLineId() != null) {
            return List.of(KeyValue.pair(r.getPurchaseOrderId(),
                    PurchaseOrders.receipt(r.getEventId(), r.getPurchaseOrderId(), r.getPurchaseOrderLineId(),
                            r.getQuantity(), r.getOccurredAt())));
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> KStream<String, SpecificRecord> widen(final KStream<String, V> stream) {
        return (KStream<String, SpecificRecord>) (KStream<String, ?>) stream;
    }
}
