package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.internal.OfferChange;
import io.restock.backorder.internal.ParkedSupplierAnswers;
import io.restock.backorder.internal.PurchaseOrderState;
import io.restock.backorder.internal.ReliabilityState;
import io.restock.backorder.internal.SkuPlanState;
import io.restock.backorder.internal.SupplierBatchState;
import io.restock.backorder.internal.SupplierInput;
import io.restock.backorder.internal.SupplyUpdate;
import io.restock.backorder.procurement.Offer;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SkuSupply;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.streams.ByType;
import io.restock.schemas.streams.PrivateStores;
import io.restock.schemas.streams.OfferKey;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.math.BigDecimal;

/**
 * backorder-processor's topology, as a pure function of its inputs (no I/O, no injection): the
 * Micronaut factory and the tests both call {@link #define}.
 *
 * <ol>
 *   <li><b>Purchase-order step</b> (key purchaseOrderId, store {@value #PURCHASE_ORDERS},
 *       {@code PurchaseOrderState}): reads our own {@code procurement.purchase-orders} back (key
 *       purchaseOrderId, {@code PurchaseOrderEvent}) and {@code procurement.supplier-events} (key
 *       purchaseOrderId, {@code SupplierEvent}); maps each line to its SKU and repartitions per-line
 *       {@code SupplyUpdate}s through {@code backorder-processor-supply-updates-by-sku-repartition}.
 *       Both topics are keyed by purchaseOrderId with the same partition count, so one task sees an
 *       order and every answer to it. An answer that overtakes its order's read-back waits in store
 *       {@value #PARKED_SUPPLIER_ANSWERS}; one whose order never comes is written to
 *       {@code dlq.procurement.supplier-events}.</li>
 *   <li><b>SKU planner</b> (key sku, store {@value #SKU_PLANS}, {@code SkuPlanState}): merges
 *       {@code inventory.stock-shortfalls} (key sku, with the SKU's shortfall sequence),
 *       {@code inventory.stock-movements} (key sku; receipts only), {@code inventory.stock-levels}
 *       (compacted, key sku: the stock position, owned by inventory-stream), {@code catalog.sku-policies},
 *       {@code catalog.supplier-offers} (key supplierId/sku, re-keyed through
 *       {@code backorder-processor-supplier-offers-by-sku-repartition}) and the supply updates; see
 *       {@link SkuPlanProcessor}. Writes {@code promises.sku-supply} (compacted, key sku, {@code SkuSupply}:
 *       the supply schedule inventory-stream dates every line from, when it changed), amendments and
 *       cancellations to
 *       {@code procurement.purchase-orders}, and requirements and deliveries through
 *       {@code backorder-processor-supplier-inputs-by-supplier-repartition} (key supplierId).</li>
 *   <li><b>Supplier step</b> (key supplierId, stores {@value #SUPPLIER_BATCHES} and
 *       {@value #SUPPLIER_RELIABILITY}): batches requirements and issues {@code PurchaseOrderIssued} to
 *       {@code procurement.purchase-orders}; see {@link SupplierBatchProcessor}.</li>
 * </ol>
 * Shared topics use the given {@link EventSerdes}; repartition topics and changelogs are private and
 * hold {@link PrivateAvroSerde} bytes. Guarantee: exactly_once_v2 ({@code BackorderStreamsConfig}):
 * a purchase order, the batch it empties, the plans it updates and the dates it moves are committed
 * together or not at all; consumers read {@code read_committed}.
 */
public final class BackorderTopology {

    public static final String SKU_PLANS = "sku-plans";
    public static final String PURCHASE_ORDERS = "purchase-orders";
    public static final String PARKED_SUPPLIER_ANSWERS = "parked-supplier-answers";
    public static final String SUPPLIER_BATCHES = "supplier-batches";
    public static final String SUPPLIER_RELIABILITY = "supplier-reliability";
    public static final String SUPPLIER_OFFERS_BY_SKU = "supplier-offers-by-sku";
    public static final String SUPPLY_UPDATES_BY_SKU = "supply-updates-by-sku";
    public static final String SUPPLIER_INPUTS_BY_SUPPLIER = "supplier-inputs-by-supplier";

    private BackorderTopology() {
    }

    public static void define(final StreamsBuilder builder, final EventSerdes serdes, final BackorderSettings settings) {
        builder.addStateStore(PrivateStores.keyValue(SKU_PLANS, SkuPlanState.class).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(PURCHASE_ORDERS, PurchaseOrderState.class).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(PARKED_SUPPLIER_ANSWERS, ParkedSupplierAnswers.class).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(SUPPLIER_BATCHES, SupplierBatchState.class).withCachingEnabled());
        builder.addStateStore(PrivateStores.keyValue(SUPPLIER_RELIABILITY, ReliabilityState.class).withCachingEnabled());

        // 1. Purchase-order step: our orders and the suppliers' answers, per line, keyed by SKU.
        final KStream<String, PurchaseOrderInput> ours = builder
                .stream(Topics.PURCHASE_ORDERS.name(), Topics.PURCHASE_ORDERS.consumed(serdes).withName("read-purchase-orders"))
                .mapValues(PurchaseOrderInput.Ours::new, Named.as("purchase-order-as-input"));
        final KStream<String, PurchaseOrderInput> answers = builder
                .stream(Topics.SUPPLIER_EVENTS.name(), Topics.SUPPLIER_EVENTS.consumed(serdes).withName("read-supplier-events"))
                .mapValues(PurchaseOrderInput.Supplier::new, Named.as("supplier-event-as-input"));
        final KStream<String, Object> perLine = ours.merge(answers, Named.as("merge-supplier-events"))
                .process(() -> new PurchaseOrderLinesProcessor(settings.rememberedIds(), settings.answerWait()),
                        Named.as("map-purchase-order-lines"), PURCHASE_ORDERS, PARKED_SUPPLIER_ANSWERS);
        final ByType<String, Object> perLineByType = ByType.split(perLine, "route-purchase-order-lines")
                .branch(SupplierEvent.class, "expired-supplier-answers")
                .branch(SupplyUpdate.class, "supply-updates")
                .route();
        perLineByType.get(SupplierEvent.class)
                .to(Topics.SUPPLIER_EVENTS.deadLetterTopic(), Topics.SUPPLIER_EVENTS.produced(serdes)
                        .withName("write-expired-supplier-answers"));
        final KStream<String, SkuInput> supply = perLineByType.get(SupplyUpdate.class)
                .repartition(Repartitioned.<String, SupplyUpdate>as(SUPPLY_UPDATES_BY_SKU)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(SupplyUpdate.class)))
                .mapValues(SkuInput.Supply::new, Named.as("supply-as-sku-input"));

        // 2. SKU planner: every input of a SKU, merged, through one processor and one store.
        final KStream<String, SkuInput> shortfalls = builder
                .stream(Topics.STOCK_SHORTFALLS.name(), Topics.STOCK_SHORTFALLS.consumed(serdes).withName("read-shortfalls"))
                .mapValues(SkuInput.Shortfall::new, Named.as("shortfall-as-sku-input"));
        final KStream<String, SkuInput> movements = builder
                .stream(Topics.STOCK_MOVEMENTS.name(), Topics.STOCK_MOVEMENTS.consumed(serdes).withName("read-stock-movements"))
                .mapValues(SkuInput.Movement::new, Named.as("movement-as-sku-input"));
        final KStream<String, SkuInput> levels = builder
                .stream(Topics.STOCK_LEVELS.name(), Topics.STOCK_LEVELS.consumed(serdes).withName("read-stock-levels"))
                .mapValues(SkuInput.Level::new, Named.as("level-as-sku-input"));
        final KStream<String, SkuInput> policies = builder
                .stream(Topics.SKU_POLICIES.name(), Topics.SKU_POLICIES.consumed(serdes).withName("read-sku-policies"))
                .mapValues(SkuInput.Policy::new, Named.as("policy-as-sku-input"));
        final KStream<String, SkuInput> offers = builder
                .stream(Topics.SUPPLIER_OFFERS.name(), Topics.SUPPLIER_OFFERS.consumed(serdes).withName("read-supplier-offers"))
                .map(BackorderTopology::offerBySku, Named.as("key-offers-by-sku"))
                .repartition(Repartitioned.<String, OfferChange>as(SUPPLIER_OFFERS_BY_SKU)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(OfferChange.class)))
                .mapValues(SkuInput.Offer::new, Named.as("offer-as-sku-input"));

        final KStream<String, Object> decided = shortfalls
                .merge(movements, Named.as("merge-stock-movements"))
                .merge(levels, Named.as("merge-stock-levels"))
                .merge(policies, Named.as("merge-sku-policies"))
                .merge(offers, Named.as("merge-supplier-offers"))
                .merge(supply, Named.as("merge-supply-updates"))
                .process(() -> new SkuPlanProcessor(settings), Named.as("plan-per-sku"), SKU_PLANS);
        final ByType<String, Object> decidedByType = ByType.split(decided, "route-sku-plans")
                .branch(SkuSupply.class, "sku-supply")
                .branch(PurchaseOrderEvent.class, "purchase-order-changes")
                .branch(SupplierInput.class, "supplier-inputs")
                .route();
        decidedByType.get(SkuSupply.class)
                .to(Topics.SKU_SUPPLY.name(), Topics.SKU_SUPPLY.produced(serdes).withName("write-sku-supply"));
        decidedByType.get(PurchaseOrderEvent.class)
                .to(Topics.PURCHASE_ORDERS.name(),
                        Topics.PURCHASE_ORDERS.produced(serdes).withName("write-purchase-order-changes"));

        // 3. Supplier step: requirements batched per supplier into purchase orders; deliveries scored.
        decidedByType.get(SupplierInput.class)
                .repartition(Repartitioned.<String, SupplierInput>as(SUPPLIER_INPUTS_BY_SUPPLIER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(SupplierInput.class)))
                .process(() -> new SupplierBatchProcessor(settings), Named.as("batch-per-supplier"),
                        SUPPLIER_BATCHES, SUPPLIER_RELIABILITY)
                .to(Topics.PURCHASE_ORDERS.name(),
                        Topics.PURCHASE_ORDERS.produced(serdes).withName("write-issued-purchase-orders"));
    }

    /** Re-keys an offer ({@code supplierId/sku}) by SKU; a tombstone withdraws it. */
    private static KeyValue<String, OfferChange> offerBySku(final String key, final SupplierOffer offer) {
        final OfferKey offerKey = OfferKey.parse(key);
        final String supplierId = offerKey.supplierId();
        final String sku = offerKey.sku();
        if (offer == null) {
            return KeyValue.pair(sku, new OfferChange(supplierId, sku, null));
        }
        final Offer o = new Offer(supplierId, sku, offer.getLeadTimeDays(),
                offer.getUnitCost() == null ? BigDecimal.ZERO : offer.getUnitCost(), offer.getCurrency(),
                Math.max(1, offer.getMinimumOrderQuantity()), Math.max(1, offer.getPackSize()), offer.getDropShip(),
                offer.getReliability(), offer.getActive());
        return KeyValue.pair(sku, new OfferChange(supplierId, sku, SkuPlanCodec.offerTerms(o)));
    }
}
