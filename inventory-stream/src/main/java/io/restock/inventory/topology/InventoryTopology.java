package io.restock.inventory.topology;

import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.OrderEvent;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.StockLevel;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.internal.LineCommand;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.OfferChange;
import io.restock.inventory.internal.OrderState;
import io.restock.inventory.internal.SkuState;
import io.restock.inventory.orders.OrderCommandProcessor;
import io.restock.inventory.orders.OrderShipmentProcessor;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.streams.ByType;
import io.restock.schemas.streams.PrivateStores;
import io.restock.schemas.streams.OfferKey;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;


/**
 * inventory-stream's topology, as a pure function of its inputs (no I/O, no injection): the
 * Micronaut factory and the tests both call {@link #define}.
 *
 * <p>Two order-keyed steps and one SKU-keyed writer:
 * <ol>
 *   <li><b>Order step</b> (store {@value #ORDER_BOOK}, key orderId, {@code OrderState}): reads
 *       {@code orders.order-events} (key orderId, {@code OrderEvent}) and turns each order into per-line
 *       {@code LineCommand}s (allocate / cancel; cancellations carry no SKU, the store supplies it),
 *       repartitioned by SKU through {@code inventory-stream-line-commands-by-sku-repartition}
 *       (key sku, {@code LineCommand}). Order-level rejections (invalid quantity, duplicate line) go
 *       straight to {@code inventory.line-events}.</li>
 *   <li><b>SKU writer</b> (stores {@value #SKU_STOCK}, key sku, {@code SkuState}: the SKU's position,
 *       terms and counters; {@value #SKU_LINES}, key {@link SkuKeys#line}, {@code LineState}: its open
 *       lines, one entry each; {@value #SKU_MOVEMENT_IDS}, keys {@link SkuKeys#movement} and
 *       {@link SkuKeys#movementSlot}, strings: its idempotency window of movement ids): merges the commands,
 *       {@code inventory.stock-movements} (key sku, {@code StockMovement}), {@code catalog.sku-policies}
 *       (key sku, {@code SkuPolicy}), {@code promises.sku-supply} (compacted, key sku, {@code SkuSupply}:
 *       backorder-processor's supply schedule) and
 *       {@code catalog.supplier-offers} (key supplierId/sku, {@code SupplierOffer}) re-keyed by SKU
 *       through {@code inventory-stream-supplier-offers-by-sku-repartition} (key sku,
 *       {@code OfferChange}); see {@link AllocationProcessor}. Writes {@code inventory.line-events}
 *       (key orderId, {@code LineEvent}), {@code promises.delivery-dates} (key orderId,
 *       {@code DeliveryDateChanged}: this writer owns every line's date), {@code inventory.stock-shortfalls}
 *       (key sku, {@code StockShortfall}, with the SKU's shortfall sequence), {@code inventory.shipment-requests}
 *       (key orderId, {@code ShipmentRequestRevoked}: units taken back from a line when a cancelled line's units were
 *       shipped anyway; store {@value #WITHDRAWN_SHIPMENTS}, key {@link SkuKeys#line}, Integer: units a
 *       cancellation released, until shipped) and {@code inventory.stock-levels} (compacted, key sku,
 *       {@code StockLevel}), which it reads back as the global store {@value #STOCK_LEVELS_GLOBAL}
 *       for substitutes.</li>
 *   <li><b>Order shipments</b> (store {@value #ORDER_BOOK} again): reads {@code inventory.line-events}
 *       and writes {@code inventory.shipment-requests} (key orderId, {@code ShipmentRequested} and
 *       {@code ShipmentRequestRevoked}; see {@link OrderShipmentProcessor}).</li>
 * </ol>
 * Shared topics use the given {@link EventSerdes} (the registry in production). The two repartition
 * topics and the stores' changelogs ({@code inventory-stream-<store>-changelog}) are private to this
 * application and hold {@link PrivateAvroSerde} bytes (Avro with the writer schema's fingerprint, no
 * registry: only this application writes and reads them, across its builds; {@value #SKU_MOVEMENT_IDS}
 * holds plain strings). Stores are RocksDB with changelogs, without record caches, and queryable by name. Guarantee:
 * exactly_once_v2 (see {@code InventoryStreamsConfig}); consumers of the output topics read
 * {@code read_committed}.
 */
public final class InventoryTopology {

    public static final String ORDER_BOOK = "order-book";
    public static final String SKU_STOCK = "sku-stock";
    public static final String SKU_LINES = "sku-lines";
    public static final String SKU_MOVEMENT_IDS = "sku-movement-ids";
    public static final String WITHDRAWN_SHIPMENTS = "withdrawn-shipments";
    public static final String STOCK_LEVELS_GLOBAL = "stock-levels-global";
    public static final String LINE_COMMANDS_BY_SKU = "line-commands-by-sku";
    public static final String SUPPLIER_OFFERS_BY_SKU = "supplier-offers-by-sku";

    private InventoryTopology() {
    }

    /**
     * Adds the whole topology to {@code builder}.
     *
     * @return the line events the SKU writer decided (already written to {@code inventory.line-events});
     *         a handle for callers that need a stream bean, e.g. micronaut-kafka-streams, which builds
     *         the application only after every {@code KStream} bean exists
     */
    public static KStream<String, LineEvent> define(final StreamsBuilder builder, final EventSerdes serdes,
                                                    final InventorySettings settings) {
        // No record cache on any store. The per-order and per-line stores see new keys almost only, so a
        // cache would just fill up and evict; the SKU writer keeps the headers it wrote decoded itself
        // (HeaderCache), so the cache's sorted-map insert and flush per header (~11% of the stream thread
        // in a profile) bought nothing but fewer changelog records on SKUs hit many times per commit.
        builder.addStateStore(PrivateStores.keyValue(ORDER_BOOK, OrderState.class).withCachingDisabled());
        builder.addStateStore(PrivateStores.keyValue(SKU_STOCK, SkuState.class).withCachingDisabled());
        builder.addStateStore(PrivateStores.keyValue(SKU_LINES, LineState.class).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SKU_MOVEMENT_IDS),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WITHDRAWN_SHIPMENTS),
                Serdes.String(), Serdes.Integer()).withCachingDisabled());
        builder.globalTable(Topics.STOCK_LEVELS.name(),
                Topics.STOCK_LEVELS.consumed(serdes).withName("read-stock-levels"),
                Materialized.<String, StockLevel, KeyValueStore<Bytes, byte[]>>as(STOCK_LEVELS_GLOBAL)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Topics.STOCK_LEVELS.valueSerde(serdes))
                        .withCachingDisabled());

        // 1. Order step: orders become per-line commands, keyed by SKU.
        final KStream<String, SpecificRecord> fromOrders = builder
                .stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes).withName("read-order-events"))
                .process(() -> new OrderCommandProcessor(ORDER_BOOK, settings.rememberedOrderEvents()),
                        Named.as("split-orders-into-line-commands"), ORDER_BOOK);
        final ByType<String, SpecificRecord> fromOrdersByType = ByType.split(fromOrders, "route-order-step")
                .branch(LineCommand.class, "line-commands")
                .branch(LineEvent.class, "rejections")
                .route();
        fromOrdersByType.get(LineEvent.class)
                .to(Topics.LINE_EVENTS.name(), Topics.LINE_EVENTS.produced(serdes).withName("write-order-rejections"));
        final KStream<String, LineCommand> commands = fromOrdersByType.get(LineCommand.class)
                .repartition(Repartitioned.<String, LineCommand>as(LINE_COMMANDS_BY_SKU)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(LineCommand.class)));

        // 2. SKU writer: every input of a SKU, merged, through one processor and one store.
        final KStream<String, SkuInput> movements = builder
                .stream(Topics.STOCK_MOVEMENTS.name(), Topics.STOCK_MOVEMENTS.consumed(serdes).withName("read-stock-movements"))
                .<SkuInput>mapValues(SkuInput.Movement::new, Named.as("movement-as-sku-input"));
        final KStream<String, SkuInput> policies = builder
                .stream(Topics.SKU_POLICIES.name(), Topics.SKU_POLICIES.consumed(serdes).withName("read-sku-policies"))
                .<SkuInput>mapValues(SkuInput.PolicyChanged::new, Named.as("policy-as-sku-input"));
        final KStream<String, SkuInput> supply = builder
                .stream(Topics.SKU_SUPPLY.name(), Topics.SKU_SUPPLY.consumed(serdes).withName("read-sku-supply"))
                .<SkuInput>mapValues(SkuInput.SupplyChanged::new, Named.as("supply-as-sku-input"));
        final KStream<String, SkuInput> offers = builder
                .stream(Topics.SUPPLIER_OFFERS.name(), Topics.SUPPLIER_OFFERS.consumed(serdes).withName("read-supplier-offers"))
                .map(InventoryTopology::offerBySku, Named.as("key-offers-by-sku"))
                .repartition(Repartitioned.<String, OfferChange>as(SUPPLIER_OFFERS_BY_SKU)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new PrivateAvroSerde<>(OfferChange.class)))
                .<SkuInput>mapValues(SkuInput.OfferChanged::new, Named.as("offer-as-sku-input"));

        final KStream<String, SpecificRecord> decided = commands
                .<SkuInput>mapValues(SkuInput.Command::new, Named.as("command-as-sku-input"))
                .merge(movements, Named.as("merge-movements"))
                .merge(policies, Named.as("merge-policies"))
                .merge(supply, Named.as("merge-supply"))
                .merge(offers, Named.as("merge-offers"))
                .process(() -> new AllocationProcessor(settings), Named.as("allocate-per-sku"), SKU_STOCK, SKU_LINES,
                        SKU_MOVEMENT_IDS, WITHDRAWN_SHIPMENTS);
        final ByType<String, SpecificRecord> decidedByType = ByType.split(decided, "route-decisions")
                .branch(LineEvent.class, "line-events")
                .branch(StockLevel.class, "stock-levels")
                .branch(StockShortfall.class, "shortfalls")
                .branch(ShipmentRequestRevoked.class, "revoked-shipments")
                .branch(DeliveryDateChanged.class, "delivery-dates")
                .route();
        final KStream<String, LineEvent> lineEvents = decidedByType.get(LineEvent.class);
        lineEvents.to(Topics.LINE_EVENTS.name(), Topics.LINE_EVENTS.produced(serdes).withName("write-line-events"));
        decidedByType.get(StockShortfall.class)
                .to(Topics.STOCK_SHORTFALLS.name(), Topics.STOCK_SHORTFALLS.produced(serdes).withName("write-shortfalls"));
        decidedByType.get(DeliveryDateChanged.class)
                .to(Topics.DELIVERY_DATES.name(), Topics.DELIVERY_DATES.produced(serdes).withName("write-delivery-dates"));
        decidedByType.get(StockLevel.class)
                .to(Topics.STOCK_LEVELS.name(), Topics.STOCK_LEVELS.produced(serdes).withName("write-stock-levels"));
        decidedByType.asStreamType(ShipmentRequestRevoked.class).to(Topics.SHIPMENT_REQUESTS.name(),
                Topics.SHIPMENT_REQUESTS.produced(serdes).withName("write-revoked-shipments"));

        // 3. Order shipments: line events, per order, become shipment requests.
        builder.stream(Topics.LINE_EVENTS.name(), Topics.LINE_EVENTS.consumed(serdes).withName("read-line-events"))
                .process(() -> new OrderShipmentProcessor(ORDER_BOOK), Named.as("track-order-lines"), ORDER_BOOK)
                .to(Topics.SHIPMENT_REQUESTS.name(),
                        Topics.SHIPMENT_REQUESTS.produced(serdes).withName("write-shipment-requests"));
        return lineEvents;
    }

    /** Re-keys an offer ({@code supplierId/sku}) by SKU; tombstones and inactive offers withdraw the lead time. */
    private static KeyValue<String, OfferChange> offerBySku(final String key, final SupplierOffer offer) {
        final OfferKey offerKey = OfferKey.parse(key);
        final Integer leadTime = offer == null || !offer.getActive() ? null : offer.getLeadTimeDays();
        return KeyValue.pair(offerKey.sku(), new OfferChange(offerKey.supplierId(), offerKey.sku(), leadTime));
    }
}
