package io.restock.schemas;

import io.restock.events.AcknowledgedLine;
import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DropShipLine;
import io.restock.events.DropShipStatus;
import io.restock.events.LineDropShipped;
import io.restock.events.Customer;
import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.CustomerTier;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LinePromise;
import io.restock.events.LineQuantity;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.NotificationChannel;
import io.restock.events.NotificationEvent;
import io.restock.events.NotificationKind;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.RejectionReason;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippedLine;
import io.restock.events.ShippingPolicy;
import io.restock.events.ShortfallCause;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuSupply;
import io.restock.events.InboundSupply;
import io.restock.events.InboundArrival;
import io.restock.events.NextOrder;
import io.restock.events.StockAdjusted;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.events.StockShortfall;
import io.restock.events.Substitute;
import io.restock.events.SupplierEvent;
import io.restock.events.SupplierOffer;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One filled-in instance of every Restock event, keyed by the topic it travels on. */
public final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    static final LocalDate DAY = LocalDate.parse("2026-12-04");

    private SampleEvents() {
    }

    public static OrderPlaced orderPlaced() {
        return OrderPlaced.newBuilder().setEventId("e-1").setOccurredAt(AT).setOrderId("o-1").setShopId("shop-a")
                .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail("ada@example.com")
                        .setTier(CustomerTier.GOLD).setLocale("de-DE").build())
                .setPlacedAt(AT).setShippingPolicy(ShippingPolicy.COMPLETE).setMaxWaitDays(14).setCurrency("EUR")
                .setLines(List.of(OrderLine.newBuilder().setLineId("l-1").setSku("SKU-1").setQuantity(15)
                        .setUnitPrice(new BigDecimal("19.9900")).build()))
                .build();
    }

    /** Every event, wrapped in its topic's value type where the topic carries several. */
    public static Map<Topic<?, ?>, List<SpecificRecord>> byTopic() {
        return Map.ofEntries(
                Map.entry(Topics.ORDER_EVENTS, List.of(
                        new OrderEvent(orderPlaced()),
                        new OrderEvent(OrderCancellationRequested.newBuilder().setEventId("e-2").setOccurredAt(AT)
                                .setOrderId("o-1").setShopId("shop-a").setLineIds(List.of("l-1")).setReason("changed mind")
                                .build()))),
                Map.entry(Topics.LINE_EVENTS, List.of(
                        new LineEvent(new LineAllocated("e-3", AT, "o-1", "l-1", "SKU-1", 10, 15, ShippingPolicy.PARTIAL)),
                        new LineEvent(new LineBackordered("e-4", AT, "o-1", "l-1", "SKU-1", 5, 15, 1, DAY, AT, CustomerTier.GOLD, new BigDecimal("149.8500"), null, false)),
                        new LineEvent(new LineRejected("e-5", AT, "o-2", "l-1", "SKU-2", 3, RejectionReason.WAIT_TOO_LONG,
                                "promise 2027-01-10 beyond max wait 14 days", List.of(new Substitute("SKU-3", 7)))),
                        new LineEvent(new LineReleased("e-6", AT, "o-1", "l-1", "SKU-1", 10)),
                        new LineEvent(new BackorderAllocated("e-7", AT, "o-1", "l-1", "SKU-1", 3, 2, null)),
                        new LineEvent(new BackorderAllocated("e-7b", AT, "o-3", "l-1", "SKU-1", 2, 1, "m-3")),
                        new LineEvent(new BackorderCancelled("e-8", AT, "o-1", "l-1", "SKU-1", 2)),
                        new LineEvent(new LineDropShipped("e-8b", AT, "o-2", "l-1", "SKU-1", 2, "acme", "po-2")))),
                Map.entry(Topics.STOCK_MOVEMENTS, List.of(
                        new StockMovement(new StockReceived("e-9", AT, "m-1", "wh-1", "SKU-1", 20, "po-1", "po-1-1")),
                        new StockMovement(new StockAdjusted("e-10", AT, "m-2", "wh-1", "SKU-1", -2, "damaged")),
                        new StockMovement(new StockShipped("e-11", AT, "m-3", "wh-1", "SKU-1", "o-1", "l-1", 10, "DHL",
                                "JJD000390007")))),
                Map.entry(Topics.STOCK_LEVELS, List.of(new StockLevel("e-12", AT, "SKU-1", 10, 10, 0, 5, 20, 15))),
                Map.entry(Topics.STOCK_SHORTFALLS, List.of(new StockShortfall("e-13", AT, "SKU-1", 25,
                        ShortfallCause.BACKORDER, -5, 5, 20, DAY, 1L, null))),
                Map.entry(Topics.SHIPMENT_REQUESTS, List.of(new ShipmentRequested("e-14", AT, "sr-1", "o-1",
                        ShippingPolicy.COMPLETE, List.of(new LineQuantity("l-1", "SKU-1", 15))),
                        new ShipmentRequestRevoked("e-14w", AT, "o-1", "CANCELLED",
                                List.of(new LineQuantity("l-1", "SKU-1", 15))))),
                Map.entry(Topics.SKU_POLICIES, List.of(new SkuPolicy("e-15", AT, "SKU-1", "Blue kettle", true, 30, 5, 2,
                        20, 1, List.of("SKU-3", "SKU-4"), false))),
                Map.entry(Topics.SUPPLIER_OFFERS, List.of(new SupplierOffer("e-16", AT, "acme", "SKU-1", 7,
                        new BigDecimal("8.2500"), "EUR", 20, 10, true, 0.93, true))),
                Map.entry(Topics.PURCHASE_ORDERS, List.of(
                        new PurchaseOrderEvent(new PurchaseOrderIssued("e-17", AT, "po-1", "acme", "EUR", List.of(
                                new PurchaseOrderLine("po-1-1", "SKU-1", 20, new BigDecimal("8.2500"), DAY, false, null,
                                        null)))),
                        new PurchaseOrderEvent(new PurchaseOrderAmended("e-18", AT, "po-1", "acme",
                                List.of(new LineQuantity("po-1-1", "SKU-1", 30)), "more demand")),
                        new PurchaseOrderEvent(new PurchaseOrderCancelled("e-19", AT, "po-1", "acme", List.of(),
                                "demand gone")))),
                Map.entry(Topics.SUPPLIER_EVENTS, List.of(
                        new SupplierEvent(new PurchaseOrderAcknowledged("e-20", AT, "po-1", "acme", "msg-1",
                                List.of(new AcknowledgedLine("po-1-1", 20, DAY)))),
                        new SupplierEvent(new PurchaseOrderRejected("e-21", AT, "po-1", "acme", "msg-2", List.of("po-1-1"),
                                "discontinued")),
                        new SupplierEvent(new PromisedDateChanged("e-22", AT, "po-1", "acme", "msg-3",
                                List.of(new LinePromise("po-1-1", DAY.plusDays(3))))),
                        new SupplierEvent(new ShipmentDispatched("e-23", AT, "po-1", "acme", "msg-4", "sh-1", DAY, "UPS",
                                "1Z999", List.of(new ShippedLine("po-1-1", 12)))))),
                Map.entry(Topics.DELIVERY_DATES, List.of(new DeliveryDateChanged("e-24", AT, "o-1", "l-1", "SKU-1", DAY,
                        DAY.plusDays(3), DateChangeReason.PROMISED_DATE_CHANGED))),
                Map.entry(Topics.SKU_SUPPLY, List.of(new SkuSupply("e-25", AT, "SKU-1",
                        List.of(new InboundSupply("po-1", "po-1-1", "acme", 20, 5, List.of(new InboundArrival(DAY, 20)))),
                        new NextOrder("acme", 5, false), 15, 3L, List.of("acme"),
                        List.of(new DropShipLine("o-2", "l-1", "acme", "po-2", "SKU-1~ds3", 2, DAY.plusDays(4), 0,
                                DropShipStatus.ORDERED)), "SUPPLIER_ACKNOWLEDGED"))),
                Map.entry(Topics.CUSTOMER_NOTIFICATIONS, List.of(
                        new NotificationEvent(new CustomerNotificationSent("e-26", AT, "n-1", "o-1", List.of("l-1"), "c-1",
                                NotificationKind.BACKORDER_OPENED, NotificationChannel.EMAIL, "ada@example.com",
                                List.of("e-4"))),
                        new NotificationEvent(new CustomerNotificationSuppressed("e-27", AT, "n-2", "o-1", List.of("l-1"),
                                "c-1", NotificationKind.DELIVERY_DATE_CHANGED, "moved less than the 1-day threshold",
                                List.of("e-24"))))));
    }
}
