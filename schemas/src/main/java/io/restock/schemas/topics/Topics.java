package io.restock.schemas.topics;

import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderEvent;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockShortfall;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Restock's topic catalogue. Names are {@code <domain>.<dataset>} (see STYLE.md); application-private
 * topics (repartition, changelog) start with the application id and are not listed here. Writers
 * and readers of each topic are in docs/ARCHITECTURE.md.
 */
public final class Topics {

    /** What a dead-letter topic's name starts with: {@code dlq.<source topic>} ({@code DeadLetters}). */
    public static final String DEAD_LETTER_PREFIX = "dlq.";

    private static final Duration EVENT_RETENTION = Duration.ofDays(30);

    /** Shops' orders and cancellations, canonical Avro. Written by order-intake only. Key: orderId. */
    public static final Topic<String, OrderEvent> ORDER_EVENTS = new Topic<>("orders.order-events",
            Codec.string(), Codec.avro(OrderEvent.class), TopicSpec.events(EVENT_RETENTION),
            "OrderPlaced and OrderCancellationRequested, validated");

    /** Each order line's fate, decided on the SKU's partition. Key: orderId. */
    public static final Topic<String, LineEvent> LINE_EVENTS = new Topic<>("inventory.line-events",
            Codec.string(), Codec.avro(LineEvent.class), TopicSpec.events(EVENT_RETENTION),
            "line allocated / backordered / rejected / released; backorder allocated / cancelled");

    /** Warehouse reports: received, adjusted, shipped. Key: sku. */
    public static final Topic<String, StockMovement> STOCK_MOVEMENTS = new Topic<>("inventory.stock-movements",
            Codec.string(), Codec.avro(StockMovement.class), TopicSpec.events(EVENT_RETENTION),
            "StockReceived, StockAdjusted, StockShipped");

    /** Each SKU's current stock position. Key: sku. */
    public static final Topic<String, StockLevel> STOCK_LEVELS = new Topic<>("inventory.stock-levels",
            Codec.string(), Codec.avro(StockLevel.class), TopicSpec.table(),
            "latest StockLevel per SKU");

    /** Net requirements raised by inventory-stream. Key: sku. */
    public static final Topic<String, StockShortfall> STOCK_SHORTFALLS = new Topic<>("inventory.stock-shortfalls",
            Codec.string(), Codec.avro(StockShortfall.class), TopicSpec.events(EVENT_RETENTION),
            "StockShortfall (BACKORDER or REORDER_POINT)");

    /**
     * What the warehouse should ship, and what it should no longer ship. Key: orderId. The value was the bare
     * record {@code ShipmentRequested} up to release v1; it is the union [ShipmentRequested,
     * ShipmentRequestRevoked] since v2 (v1 records read as the first branch).
     */
    public static final Topic<String, SpecificRecord> SHIPMENT_REQUESTS = new Topic<>("inventory.shipment-requests",
            Codec.string(), Codec.avroUnion(ShipmentRequested.class, ShipmentRequestRevoked.class),
            TopicSpec.events(EVENT_RETENTION),
            "ShipmentRequested per line (PARTIAL) or per whole order (COMPLETE); ShipmentRequestRevoked");

    /** SKU policies. Key: sku. */
    public static final Topic<String, SkuPolicy> SKU_POLICIES = new Topic<>("catalog.sku-policies",
            Codec.string(), Codec.avro(SkuPolicy.class), TopicSpec.table(),
            "latest SkuPolicy per SKU");

    /** Supplier offers. Key: {@link #offerKey(String, String)}. */
    public static final Topic<String, SupplierOffer> SUPPLIER_OFFERS = new Topic<>("catalog.supplier-offers",
            Codec.string(), Codec.avro(SupplierOffer.class), TopicSpec.table(),
            "latest SupplierOffer per supplier and SKU");

    /** Purchase orders issued, amended, cancelled. Key: purchaseOrderId. */
    public static final Topic<String, PurchaseOrderEvent> PURCHASE_ORDERS = new Topic<>("procurement.purchase-orders",
            Codec.string(), Codec.avro(PurchaseOrderEvent.class), TopicSpec.events(EVENT_RETENTION),
            "PurchaseOrderIssued / Amended / Cancelled");

    /** Supplier answers. Key: purchaseOrderId. */
    public static final Topic<String, SupplierEvent> SUPPLIER_EVENTS = new Topic<>("procurement.supplier-events",
            Codec.string(), Codec.avro(SupplierEvent.class), TopicSpec.events(EVENT_RETENTION),
            "acknowledged / rejected / promised date changed / shipment dispatched");

    /** Projected delivery dates that moved. Key: orderId. */
    public static final Topic<String, DeliveryDateChanged> DELIVERY_DATES = new Topic<>("promises.delivery-dates",
            Codec.string(), Codec.avro(DeliveryDateChanged.class), TopicSpec.events(EVENT_RETENTION),
            "DeliveryDateChanged, only for lines whose date moved");

    /**
     * backorder-processor's supply schedule per SKU (inbound lines, the next supplier, on order), which
     * inventory-stream dates its backorders from. Key: sku. Replaces {@code promises.sku-promises}.
     */
    public static final Topic<String, SkuSupply> SKU_SUPPLY = new Topic<>("promises.sku-supply",
            Codec.string(), Codec.avro(SkuSupply.class), TopicSpec.table(),
            "latest SkuSupply per SKU");

    /** What customers were told, or why not. Key: orderId. */
    public static final Topic<String, NotificationEvent> CUSTOMER_NOTIFICATIONS = new Topic<>(
            "notifications.customer-notifications", Codec.string(), Codec.avro(NotificationEvent.class),
            TopicSpec.events(EVENT_RETENTION), "CustomerNotificationSent / Suppressed");

    /**
     * Every shared topic, in flow order. The per-party topics ({@link #supplierPurchaseOrders},
     * {@link #shopSubmissions}, {@link #shopSubmissionOutcomes}) are made per supplier or shop and are not listed.
     */
    public static final List<Topic<?, ?>> ALL = List.of(
            ORDER_EVENTS, SKU_POLICIES, SUPPLIER_OFFERS, STOCK_MOVEMENTS, LINE_EVENTS,
            STOCK_LEVELS, STOCK_SHORTFALLS, SHIPMENT_REQUESTS, PURCHASE_ORDERS, SUPPLIER_EVENTS, DELIVERY_DATES,
            SKU_SUPPLY, CUSTOMER_NOTIFICATIONS);

    private static final Pattern SUPPLIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** A shop id that can name its topics: no '.' (it would blur the names and ACL prefixes), no ':'. */
    private static final String SHOP_ID = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern SHOP_TOPIC_ID = Pattern.compile(SHOP_ID);
    private static final Duration SHOP_SUBMISSION_RETENTION = Duration.ofDays(7);

    /**
     * Every shop's submissions topic, {@code shops.<shopId>.order-submissions}: order-intake subscribes to this
     * pattern and takes the shop from the topic's name (group 1), never from the record.
     */
    public static final Pattern SHOP_SUBMISSIONS_PATTERN = Pattern.compile("shops\\.(" + SHOP_ID + ")\\.order-submissions");

    private Topics() {
    }

    /** The key of a supplier offer: supplier and SKU, which may not contain '/'. */
    public static String offerKey(final String supplierId, final String sku) {
        return supplierId + "/" + sku;
    }

    /** Whether a supplier id is one Restock accepts: lower-case letters, digits and '-', at most 63. */
    public static boolean isValidSupplierId(final String supplierId) {
        return supplierId != null && SUPPLIER_ID.matcher(supplierId).matches();
    }

    /**
     * A supplier's own purchase-order topic (JSON), so ACLs can keep supplier A out of B's.
     * Supplier ids are lower-case kebab-case.
     */
    public static Topic<String, String> supplierPurchaseOrders(final String supplierId) {
        if (!SUPPLIER_ID.matcher(supplierId).matches()) {
            throw new IllegalArgumentException("supplier id must be lower-case letters, digits and '-': " + supplierId);
        }
        return new Topic<>("suppliers." + supplierId + ".purchase-orders", Codec.string(), Codec.json(),
                TopicSpec.events(EVENT_RETENTION), "purchase orders for supplier " + supplierId + " as JSON");
    }

    /** Whether a shop id can name the shop's Kafka topics: 1-64 letters, digits, '_' and '-'. */
    public static boolean isValidShopTopicId(final String shopId) {
        return shopId != null && SHOP_TOPIC_ID.matcher(shopId).matches();
    }

    /**
     * A shop's own submissions topic (JSON orders and cancellations, key orderId), so ACLs let only that shop
     * write it: whatever a record on it says, it is that shop's. Read by order-intake. Same partition count as
     * {@link #ORDER_EVENTS}, with which order-intake co-partitions it.
     */
    public static Topic<String, String> shopSubmissions(final String shopId) {
        return new Topic<>("shops." + requireShopTopicId(shopId) + ".order-submissions", Codec.string(), Codec.json(),
                TopicSpec.events(SHOP_SUBMISSION_RETENTION), "JSON order events from shop " + shopId
                + ", validated by order-intake");
    }

    /**
     * What became of each of a shop's submissions (ACCEPTED, DUPLICATE or REJECTED with the reason), JSON, key
     * orderId as submitted. Written by order-intake; only that shop may read it.
     */
    public static Topic<String, String> shopSubmissionOutcomes(final String shopId) {
        return new Topic<>("shops." + requireShopTopicId(shopId) + ".submission-outcomes", Codec.string(),
                Codec.json(), TopicSpec.events(SHOP_SUBMISSION_RETENTION),
                "the outcome of each submission of shop " + shopId);
    }

    /** A shop's two topics, to provision together. */
    public static List<Topic<?, ?>> shopTopics(final String shopId) {
        return List.of(shopSubmissions(shopId), shopSubmissionOutcomes(shopId));
    }

    /** The shop whose submissions topic this is, if it is one. */
    public static Optional<String> shopOfSubmissions(final String topicName) {
        if (topicName == null) {
            return Optional.empty();
        }
        final var matcher = SHOP_SUBMISSIONS_PATTERN.matcher(topicName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String requireShopTopicId(final String shopId) {
        if (!isValidShopTopicId(shopId)) {
            throw new IllegalArgumentException(
                    "a shop id that names topics must be 1-64 letters, digits, '_' or '-': " + shopId);
        }
        return shopId;
    }

    public static Optional<Topic<?, ?>> byName(final String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
