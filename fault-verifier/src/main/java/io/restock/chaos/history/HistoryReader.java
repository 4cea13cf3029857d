package io.restock.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.chaos.log.RunLog;
import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.PromisedDateChanged;
import io.restock.events.ShipmentDispatched;
import io.restock.events.SupplierEvent;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.StockAdjusted;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.events.StockShortfall;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a run's {@link History} from its {@link RunLog} file, Restock's topics and the emails caught. */
public final class HistoryReader {

    private HistoryReader() {
    }

    private static List<History.RefusedMovement> refused(final TopicSnapshot topics, final Duration timeout) {
        final List<History.RefusedMovement> refused = new ArrayList<>();
        for (final TopicSnapshot.DeadLetter<StockMovement> letter : topics.readDeadLetters(Topics.STOCK_MOVEMENTS,
                timeout)) {
            final History.Movement m = movement(letter.value());
            refused.add(new History.RefusedMovement(m.kind(), m.movementId(), m.sku(), m.quantity(), letter.reason()));
        }
        return refused;
    }

    private static History.Movement movement(final StockMovement event) {
        return switch (event.getEvent()) {
            case StockReceived e -> new History.Movement(e.getEventId(), History.MovementKind.RECEIVED,
                    e.getMovementId(), e.getSku(), e.getQuantity());
            case StockAdjusted e -> new History.Movement(e.getEventId(), History.MovementKind.ADJUSTED,
                    e.getMovementId(), e.getSku(), e.getDelta());
            case StockShipped e -> new History.Movement(e.getEventId(), History.MovementKind.SHIPPED,
                    e.getMovementId(), e.getSku(), e.getQuantity(), e.getOrderId() + "/" + e.getLineId());
            default -> throw new IllegalStateException("unknown movement " + event.getEvent().getClass());
        };
    }

    /** The outcomes of {@code shop}'s Kafka submissions. */
    private static List<History.SubmissionOutcome> outcomes(final TopicSnapshot topics, final String shop,
                                                            final Duration timeout) {
        final List<History.SubmissionOutcome> outcomes = new ArrayList<>();
        for (final String value : topics.read(Topics.shopSubmissionOutcomes(shop), timeout)) {
            try {
                final JsonNode node = JSON.readTree(value);
                outcomes.add(new History.SubmissionOutcome(node.path("orderId").asText(), node.path("outcome").asText(),
                        node.path("eventId").asText(null), node.path("reason").asText(null)));
            } catch (final java.io.IOException e) {
                throw new IllegalStateException("a submission outcome that is not JSON: " + value, e);
            }
        }
        return outcomes;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static History read(final Path runLog, final TopicSnapshot topics, final List<String> emailMessageIds,
                               final String shop, final Duration timeout) {
        final List<History.SentOrder> sentOrders = new ArrayList<>();
        final List<History.SentMovement> sentMovements = new ArrayList<>();
        final List<History.SentCancellation> sentCancellations = new ArrayList<>();
        final List<History.Offer> offers = new ArrayList<>();
        final List<History.SentAnswer> sentAnswers = new ArrayList<>();
        for (final JsonNode entry : RunLog.read(runLog)) {
            switch (entry.path("type").asText()) {
                case "order" -> {
                    final List<History.Line> lines = new ArrayList<>();
                    entry.path("lines").forEach(l -> lines.add(new History.Line(l.path("lineId").asText(),
                            l.path("sku").asText(), l.path("quantity").asInt())));
                    sentOrders.add(new History.SentOrder(entry.path("orderId").asText(),
                            entry.path("idempotencyKey").asText(null), lines, entry.path("status").asInt(),
                            entry.path("door").asText("http"), entry.path("shippingPolicy").asText("PARTIAL")));
                }
                case "receipt", "adjustment", "shipment" -> sentMovements.add(new History.SentMovement(
                        switch (entry.path("type").asText()) {
                            case "receipt" -> History.MovementKind.RECEIVED;
                            case "adjustment" -> History.MovementKind.ADJUSTED;
                            default -> History.MovementKind.SHIPPED;
                        }, entry.path("movementId").asText(), entry.path("sku").asText(),
                        entry.path("quantity").asInt(), entry.path("status").asInt()));
                case "cancellation" -> {
                    final List<String> lineIds = new ArrayList<>();
                    entry.path("lineIds").forEach(id -> lineIds.add(id.asText()));
                    sentCancellations.add(new History.SentCancellation(entry.path("orderId").asText(), lineIds,
                            entry.path("status").asInt(), entry.hasNonNull("eventId")));
                }
                case "offer" -> offers.add(new History.Offer(entry.path("supplierId").asText(),
                        entry.path("sku").asText(), entry.path("minimumOrderQuantity").asInt(),
                        entry.path("packSize").asInt()));
                case "supplier-answer" -> {
                    final Map<String, Integer> quantities = new java.util.LinkedHashMap<>();
                    entry.path("lines").forEach(l -> quantities.put(l.path("lineId").asText(),
                            l.path("quantity").asInt()));
                    sentAnswers.add(new History.SentAnswer(entry.path("supplierId").asText(),
                            entry.path("purchaseOrderId").asText(), switch (entry.path("answer").asText()) {
                                case "acknowledgement" -> History.AnswerKind.ACKNOWLEDGED;
                                case "rejection" -> History.AnswerKind.REJECTED;
                                case "promised-date" -> History.AnswerKind.PROMISED_DATE_CHANGED;
                                default -> History.AnswerKind.SHIPPED;
                            }, entry.path("messageId").asText(), quantities, entry.path("status").asInt(),
                            entry.hasNonNull("eventId") ? entry.path("eventId").asText() : null));
                }
                default -> {
                    // faults, catalog requests and phases are reported, not compared
                }
            }
        }

        final List<History.Placed> placed = new ArrayList<>();
        final List<History.CancellationRequested> cancellations = new ArrayList<>();
        for (final OrderEvent event : topics.read(Topics.ORDER_EVENTS, timeout)) {
            if (event.getEvent() instanceof OrderPlaced p) {
                placed.add(new History.Placed(p.getEventId(), p.getOrderId(), p.getLines().stream()
                        .map(l -> new History.Line(l.getLineId(), l.getSku(), l.getQuantity())).toList()));
            } else if (event.getEvent() instanceof OrderCancellationRequested c) {
                cancellations.add(new History.CancellationRequested(c.getEventId(), c.getOrderId(),
                        List.copyOf(c.getLineIds())));
            }
        }

        final List<History.LineFact> lineEvents = new ArrayList<>();
        for (final LineEvent event : topics.read(Topics.LINE_EVENTS, timeout)) {
            lineEvents.add(switch (event.getEvent()) {
                case LineAllocated e -> new History.LineFact(e.getEventId(), History.LineKind.ALLOCATED,
                        e.getOrderId(), e.getLineId(), e.getSku(), e.getQuantity(), e.getOrderedQuantity(), -1);
                case LineBackordered e -> new History.LineFact(e.getEventId(), History.LineKind.BACKORDERED,
                        e.getOrderId(), e.getLineId(), e.getSku(), e.getQuantity(), e.getOrderedQuantity(), -1);
                case LineRejected e -> new History.LineFact(e.getEventId(), History.LineKind.REJECTED,
                        e.getOrderId(), e.getLineId(), e.getSku(), e.getQuantity(), -1, -1);
                case LineReleased e -> new History.LineFact(e.getEventId(), History.LineKind.RELEASED,
                        e.getOrderId(), e.getLineId(), e.getSku(), e.getQuantity(), -1, -1);
                case BackorderAllocated e -> new History.LineFact(e.getEventId(),
                        History.LineKind.BACKORDER_ALLOCATED, e.getOrderId(), e.getLineId(), e.getSku(),
                        e.getQuantity(), -1, e.getRemainingBackordered(), e.getShipmentMovementId());
                case BackorderCancelled e -> new History.LineFact(e.getEventId(),
                        History.LineKind.BACKORDER_CANCELLED, e.getOrderId(), e.getLineId(), e.getSku(),
                        e.getQuantity(), -1, -1);
                case LineDropShipped e -> new History.LineFact(e.getEventId(), History.LineKind.DROP_SHIPPED,
                        e.getOrderId(), e.getLineId(), e.getSku(), e.getQuantity(), -1, -1);
                default -> throw new IllegalStateException("unknown line event " + event.getEvent().getClass());
            });
        }

        final List<History.Movement> movements = new ArrayList<>();
        for (final StockMovement event : topics.read(Topics.STOCK_MOVEMENTS, timeout)) {
            movements.add(movement(event));
        }

        final Map<String, History.Level> levels = new HashMap<>();
        for (final StockLevel level : topics.read(Topics.STOCK_LEVELS, timeout)) {
            // partition order is the order per SKU (key = sku): the last one read is the SKU's latest
            levels.put(level.getSku(), new History.Level(level.getSku(), level.getOnHand(), level.getAllocated(),
                    level.getAvailable(), level.getBackordered()));
        }

        final List<History.Shortfall> shortfalls = new ArrayList<>();
        for (final StockShortfall s : topics.read(Topics.STOCK_SHORTFALLS, timeout)) {
            shortfalls.add(new History.Shortfall(s.getEventId(), s.getSku(), s.getSequence(), s.getQuantity(),
                    s.getDropShipLine() != null));
        }

        final List<History.PurchaseOrderLine> poLines = new ArrayList<>();
        final List<History.PurchaseOrderChange> poChanges = new ArrayList<>();
        for (final PurchaseOrderEvent event : topics.read(Topics.PURCHASE_ORDERS, timeout)) {
            if (event.getEvent() instanceof PurchaseOrderIssued issued) {
                issued.getLines().forEach(line -> poLines.add(new History.PurchaseOrderLine(issued.getEventId(),
                        issued.getPurchaseOrderId(), issued.getSupplierId(), line.getLineId(), line.getSku(),
                        line.getQuantity(), line.getDropShip())));
            } else if (event.getEvent() instanceof PurchaseOrderAmended amended) {
                amended.getLines().forEach(line -> poChanges.add(new History.PurchaseOrderChange(
                        amended.getEventId(), amended.getPurchaseOrderId(), line.getLineId(), line.getQuantity())));
            } else if (event.getEvent() instanceof PurchaseOrderCancelled cancelled) {
                if (cancelled.getLineIds().isEmpty()) {
                    poChanges.add(new History.PurchaseOrderChange(cancelled.getEventId(),
                            cancelled.getPurchaseOrderId(), null, -1));
                }
                cancelled.getLineIds().forEach(lineId -> poChanges.add(new History.PurchaseOrderChange(
                        cancelled.getEventId(), cancelled.getPurchaseOrderId(), lineId, -1)));
            }
        }

        final List<History.SupplierFact> supplierEvents = new ArrayList<>();
        for (final SupplierEvent event : topics.read(Topics.SUPPLIER_EVENTS, timeout)) {
            final Map<String, Integer> quantities = new java.util.LinkedHashMap<>();
            supplierEvents.add(switch (event.getEvent()) {
                case PurchaseOrderAcknowledged e -> {
                    e.getLines().forEach(l -> quantities.put(l.getLineId(), l.getAcceptedQuantity()));
                    yield new History.SupplierFact(e.getEventId(), History.AnswerKind.ACKNOWLEDGED,
                            e.getPurchaseOrderId(), e.getSupplierId(), e.getSupplierMessageId(), quantities);
                }
                case PurchaseOrderRejected e -> {
                    e.getLineIds().forEach(id -> quantities.put(id, 0));
                    yield new History.SupplierFact(e.getEventId(), History.AnswerKind.REJECTED,
                            e.getPurchaseOrderId(), e.getSupplierId(), e.getSupplierMessageId(), quantities);
                }
                case PromisedDateChanged e -> {
                    e.getLines().forEach(l -> quantities.put(l.getLineId(), 0));
                    yield new History.SupplierFact(e.getEventId(), History.AnswerKind.PROMISED_DATE_CHANGED,
                            e.getPurchaseOrderId(), e.getSupplierId(), e.getSupplierMessageId(), quantities);
                }
                case ShipmentDispatched e -> {
                    e.getLines().forEach(l -> quantities.put(l.getLineId(), l.getQuantity()));
                    yield new History.SupplierFact(e.getEventId(), History.AnswerKind.SHIPPED,
                            e.getPurchaseOrderId(), e.getSupplierId(), e.getSupplierMessageId(), quantities);
                }
                default -> throw new IllegalStateException("unknown supplier event " + event.getEvent().getClass());
            });
        }

        final List<History.Notification> notifications = new ArrayList<>();
        for (final NotificationEvent event : topics.read(Topics.CUSTOMER_NOTIFICATIONS, timeout)) {
            if (event.getEvent() instanceof CustomerNotificationSent s) {
                notifications.add(new History.Notification(s.getEventId(), true, s.getNotificationId(),
                        s.getKind().name(), s.getChannel().name(), List.copyOf(s.getCauseEventIds())));
            } else if (event.getEvent() instanceof CustomerNotificationSuppressed s) {
                notifications.add(new History.Notification(s.getEventId(), false, s.getNotificationId(),
                        s.getKind().name(), null, List.copyOf(s.getCauseEventIds())));
            }
        }
        final List<History.ShipmentRequest> shipmentRequests = new ArrayList<>();
        final List<History.Returned> returned = new ArrayList<>();
        for (final SpecificRecord value : topics.read(Topics.SHIPMENT_REQUESTS, timeout)) {
            if (value instanceof ShipmentRequestRevoked r && "RETURNED_TO_BACKORDER".equals(r.getReason())) {
                r.getLines().forEach(l -> returned.add(new History.Returned(r.getEventId(), r.getOrderId(),
                        l.getLineId(), l.getSku(), l.getQuantity())));
            }
            if (value instanceof ShipmentRequested r) {
                shipmentRequests.add(new History.ShipmentRequest(r.getEventId(), r.getShipmentRequestId(),
                        r.getOrderId(), r.getShippingPolicy().name(), r.getLines().stream()
                        .map(l -> new History.Line(l.getLineId(), l.getSku(), l.getQuantity())).toList()));
            }
        }
        return new History(sentOrders, sentMovements, sentCancellations, placed, cancellations, lineEvents,
                movements, levels, shortfalls, poLines, notifications, emailMessageIds, shipmentRequests, offers,
                sentAnswers, supplierEvents, poChanges, returned, outcomes(topics, shop, timeout),
                refused(topics, timeout));
    }
}
