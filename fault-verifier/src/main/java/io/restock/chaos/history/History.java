package io.restock.chaos.history;

import java.util.List;
import java.util.Map;

/**
 * Everything the invariants compare, as plain values: what the verifier's log says it sent and was answered
 * ({@code sent*}), and what Restock's topics hold at quiescence, read from the beginning with read_committed
 * ({@code topic*}), plus the emails the SMTP catcher caught. Built by {@link HistoryReader} from a real run, or by
 * hand in the checkers' tests.
 */
public record History(List<SentOrder> sentOrders, List<SentMovement> sentMovements,
                      List<SentCancellation> sentCancellations, List<Placed> placedOrders,
                      List<CancellationRequested> cancellationRequests, List<LineFact> lineEvents,
                      List<Movement> movements, Map<String, Level> finalLevels, List<Shortfall> shortfalls,
                      List<PurchaseOrderLine> purchaseOrderLines, List<Notification> notifications,
                      List<String> emailMessageIds, List<ShipmentRequest> shipmentRequests,
                      List<Offer> offers, List<SentAnswer> sentAnswers, List<SupplierFact> supplierEvents,
                      List<PurchaseOrderChange> purchaseOrderChanges, List<Returned> returnedToBackorder,
                      List<SubmissionOutcome> submissionOutcomes, List<RefusedMovement> refusedMovements) {

    public History {
        sentOrders = List.copyOf(sentOrders);
        sentMovements = List.copyOf(sentMovements);
        sentCancellations = List.copyOf(sentCancellations);
        placedOrders = List.copyOf(placedOrders);
        cancellationRequests = List.copyOf(cancellationRequests);
        lineEvents = List.copyOf(lineEvents);
        movements = List.copyOf(movements);
        finalLevels = Map.copyOf(finalLevels);
        shortfalls = List.copyOf(shortfalls);
        purchaseOrderLines = List.copyOf(purchaseOrderLines);
        notifications = List.copyOf(notifications);
        emailMessageIds = List.copyOf(emailMessageIds);
        shipmentRequests = List.copyOf(shipmentRequests);
        offers = List.copyOf(offers);
        sentAnswers = List.copyOf(sentAnswers);
        supplierEvents = List.copyOf(supplierEvents);
        purchaseOrderChanges = List.copyOf(purchaseOrderChanges);
        returnedToBackorder = List.copyOf(returnedToBackorder);
        submissionOutcomes = List.copyOf(submissionOutcomes);
        refusedMovements = List.copyOf(refusedMovements);
    }

    /** One order line: what was ordered. */
    public record Line(String lineId, String sku, int quantity) {
    }

    /**
     * An order the verifier sent and the last status it got (0: no answer): door {@code http} ({@code POST /orders},
     * the HTTP status) or {@code kafka} (on {@code shops.<shop>.order-submissions}: 202 once Kafka acknowledged the
     * record; its outcome is on {@code submission-outcomes}).
     */
    public record SentOrder(String orderId, String idempotencyKey, List<Line> lines, int finalStatus, String door,
                            String shippingPolicy) {
        public SentOrder(final String orderId, final String idempotencyKey, final List<Line> lines,
                         final int finalStatus) {
            this(orderId, idempotencyKey, lines, finalStatus, "http", "PARTIAL");
        }

        public boolean accepted() {
            return finalStatus / 100 == 2;
        }

        public boolean viaKafka() {
            return "kafka".equals(door);
        }
    }

    /**
     * A movement inventory-stream's topology refused and dead-lettered to {@code dlq.inventory.stock-movements} with
     * this reason: HTTP's stock check is a snapshot, and a movement can lose the race with an order or a return to
     * backorder (inventory-stream README, "Stock checks are a snapshot"); it was not applied.
     */
    public record RefusedMovement(MovementKind kind, String movementId, String sku, int quantity, String reason) {
    }

    /**
     * Whether this record of {@code inventory.stock-movements} was applied: not when every copy of its
     * (SKU, movement id) on the topic was dead-lettered.
     */
    public java.util.function.Predicate<Movement> applied() {
        final Map<String, Long> refused = new java.util.HashMap<>();
        refusedMovements.forEach(r -> refused.merge(r.sku() + "/" + r.movementId(), 1L, Long::sum));
        final Map<String, Long> copies = new java.util.HashMap<>();
        movements.forEach(m -> copies.merge(m.sku() + "/" + m.movementId(), 1L, Long::sum));
        return m -> refused.getOrDefault(m.sku() + "/" + m.movementId(), 0L)
                < copies.getOrDefault(m.sku() + "/" + m.movementId(), 0L);
    }

    /** A record of {@code shops.<shop>.submission-outcomes}: ACCEPTED, DUPLICATE or REJECTED (with the reason). */
    public record SubmissionOutcome(String orderId, String outcome, String eventId, String reason) {
    }

    /**
     * A warehouse movement the verifier sent ({@code POST /warehouse/receipts|adjustments|shipments}) and the last
     * HTTP status it got; {@code quantity} is the delta for ADJUSTED.
     */
    public record SentMovement(MovementKind kind, String movementId, String sku, int quantity, int finalStatus) {
        public boolean accepted() {
            return finalStatus / 100 == 2;
        }
    }

    /** {@code ShipmentRequested} on {@code inventory.shipment-requests}: what the warehouse was asked to ship. */
    public record ShipmentRequest(String eventId, String shipmentRequestId, String orderId, String shippingPolicy,
                                  List<Line> lines) {
    }

    /**
     * A cancellation the verifier sent (a whole order: {@code lineIds} empty) and the last HTTP status it got;
     * {@code written}: the answer carried an event id (false when every line already had one requested).
     */
    public record SentCancellation(String orderId, List<String> lineIds, int finalStatus, boolean written) {
    }

    /** {@code OrderPlaced} on {@code orders.order-events}. */
    public record Placed(String eventId, String orderId, List<Line> lines) {
    }

    /** {@code OrderCancellationRequested} on {@code orders.order-events}. */
    public record CancellationRequested(String eventId, String orderId, List<String> lineIds) {
    }

    /** The kinds of {@code inventory.line-events} the invariants read. */
    public enum LineKind { ALLOCATED, BACKORDERED, REJECTED, RELEASED, BACKORDER_ALLOCATED, BACKORDER_CANCELLED,
        DROP_SHIPPED }

    /**
     * One record of {@code inventory.line-events}; {@code orderedQuantity} only for ALLOCATED and BACKORDERED,
     * {@code remainingBackordered} only for BACKORDER_ALLOCATED (else -1); {@code shipmentMovementId} only for a
     * BACKORDER_ALLOCATED of units the warehouse shipped while the line still waited for them (else null).
     */
    public record LineFact(String eventId, LineKind kind, String orderId, String lineId, String sku, int quantity,
                           int orderedQuantity, int remainingBackordered, String shipmentMovementId) {

        public LineFact(final String eventId, final LineKind kind, final String orderId, final String lineId,
                        final String sku, final int quantity, final int orderedQuantity,
                        final int remainingBackordered) {
            this(eventId, kind, orderId, lineId, sku, quantity, orderedQuantity, remainingBackordered, null);
        }

        public String lineKey() {
            return orderId + "/" + lineId;
        }
    }

    /** The kinds of {@code inventory.stock-movements}. */
    public enum MovementKind { RECEIVED, ADJUSTED, SHIPPED }

    /**
     * One record of {@code inventory.stock-movements}; {@code quantity} is the delta for ADJUSTED; {@code lineKey}
     * ({@code orderId/lineId}) the order line a SHIPPED movement ships, else null.
     */
    public record Movement(String eventId, MovementKind kind, String movementId, String sku, int quantity,
                           String lineKey) {
        public Movement(final String eventId, final MovementKind kind, final String movementId, final String sku,
                        final int quantity) {
            this(eventId, kind, movementId, sku, quantity, null);
        }
    }

    /**
     * {@code ShipmentRequestRevoked} with reason {@code RETURNED_TO_BACKORDER} on {@code inventory.shipment-requests}:
     * units of a line went from allocated back to backordered, because units a cancellation had released were
     * shipped anyway (inventory-stream README, "Shipment requests"); the line gets a {@code LineBackordered} for them.
     */
    public record Returned(String eventId, String orderId, String lineId, String sku, int quantity) {
        public String lineKey() {
            return orderId + "/" + lineId;
        }
    }

    /** The last {@code inventory.stock-levels} record of a SKU. */
    public record Level(String sku, int onHand, int allocated, int available, int backordered) {
    }

    /** One record of {@code inventory.stock-shortfalls}; {@code sequence} null for a drop-ship request. */
    public record Shortfall(String eventId, String sku, Long sequence, int quantity, boolean dropShip) {
    }

    /** One line of a {@code PurchaseOrderIssued} on {@code procurement.purchase-orders}. */
    public record PurchaseOrderLine(String eventId, String purchaseOrderId, String supplierId, String lineId,
                                    String sku, int quantity, boolean dropShip) {
        public String key() {
            return purchaseOrderId + "/" + lineId;
        }
    }

    /**
     * Restock's own change of a purchase order on {@code procurement.purchase-orders}: {@code PurchaseOrderAmended}
     * (a line's new {@code quantity}) or {@code PurchaseOrderCancelled} ({@code quantity} -1; {@code lineId} null:
     * the whole order).
     */
    public record PurchaseOrderChange(String eventId, String purchaseOrderId, String lineId, int quantity) {
        public boolean cancelled() {
            return quantity < 0;
        }
    }

    /** A supplier offer the verifier published (from the run log): rule 8's minimum and pack size. */
    public record Offer(String supplierId, String sku, int minimumOrderQuantity, int packSize) {
    }

    /** The kinds of supplier answers. */
    public enum AnswerKind { ACKNOWLEDGED, REJECTED, PROMISED_DATE_CHANGED, SHIPPED }

    /**
     * A supplier answer the verifier sent to supplier-gateway and the last HTTP status it got, with the event id of
     * a 2xx answer; {@code quantities}: per purchase-order line, the accepted units (0 rejects the line) of an
     * acknowledgement or the shipped units of a shipment notice, the lines concerned for the others.
     */
    /** Units returned to backorder per line ({@code orderId/lineId}). */
    public Map<String, Integer> returnedByLine() {
        final Map<String, Integer> returned = new java.util.HashMap<>();
        returnedToBackorder.forEach(r -> returned.merge(r.lineKey(), r.quantity(), Integer::sum));
        return returned;
    }

    public record SentAnswer(String supplierId, String purchaseOrderId, AnswerKind kind, String messageId,
                             Map<String, Integer> quantities, int finalStatus, String eventId) {
        public SentAnswer {
            quantities = Map.copyOf(quantities);
        }

        public boolean accepted() {
            return finalStatus / 100 == 2;
        }
    }

    /**
     * One record of {@code procurement.supplier-events}; {@code quantities} as in {@link SentAnswer} (a rejection
     * lists its line ids with 0; none: the whole order).
     */
    public record SupplierFact(String eventId, AnswerKind kind, String purchaseOrderId, String supplierId,
                               String messageId, Map<String, Integer> quantities) {
        public SupplierFact {
            quantities = Map.copyOf(quantities);
        }
    }

    /** One record of {@code notifications.customer-notifications}. */
    public record Notification(String eventId, boolean sent, String notificationId, String kind, String channel,
                               List<String> causeEventIds) {
    }
}
