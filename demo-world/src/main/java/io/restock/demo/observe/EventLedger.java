package io.restock.demo.observe;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShipmentRequested;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.events.SupplierEvent;
import io.restock.demo.sim.SimClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the demo learned from Restock's topics (and the mailbox): counters for the progress line, each
 * order line's history for the KPIs, each purchase-order line's promise and receipt for supplier on-time, and a
 * journal per order for the customer journeys. Only events of this run's orders and purchase orders issued
 * during the run count. Thread-safe: the feed writes, the reporters read, under one lock.
 */
public final class EventLedger {

    private final Predicate<String> ourOrder;
    private final Map<String, LineRecord> lines = new LinkedHashMap<>();
    private final Map<String, List<Journal>> journals = new HashMap<>();
    private final Map<String, PoLine> poLines = new HashMap<>();
    private final Set<String> purchaseOrdersIssued = new HashSet<>();
    private final Set<String> purchaseOrdersAcknowledged = new HashSet<>();
    private final Set<String> purchaseOrdersRejected = new HashSet<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Map<String, Long> rejectionsByReason = new TreeMap<>();
    private final Map<String, Long> notificationsByKind = new TreeMap<>();
    private long ordersPlaced;
    private long cancellationsRequested;
    private long linesAllocated;
    private long linesBackordered;
    private long linesRejected;
    private long backordersFilled;
    private long backordersCancelled;
    private long datesMoved;
    private long supplierDateChanges;
    private long supplierShipments;
    private long receipts;
    private long unitsReceived;
    private long shipmentRequests;
    private long shipped;
    private long notificationsSent;
    private long notificationsSuppressed;
    private long emailsCaught;

    /** A purchase-order line: the supplier's latest promise and the first receipt. */
    static final class PoLine {
        final String supplierId;
        /** The simulated day the supplier's latest promise stands for. */
        double dueDay = Double.NaN;
        Instant receivedAt;

        PoLine(final String supplierId) {
            this.supplierId = supplierId;
        }
    }

    private final SimClock clock;

    public EventLedger(final Predicate<String> ourOrder, final SimClock clock) {
        this.ourOrder = ourOrder;
        this.clock = clock;
    }

    public synchronized void onOrderEvent(final OrderEvent value) {
        switch (value.getEvent()) {
            case OrderPlaced placed when ourOrder.test(placed.getOrderId()) -> {
                ordersPlaced++;
                for (final OrderLine line : placed.getLines()) {
                    lines.putIfAbsent(key(placed.getOrderId(), line.getLineId()), new LineRecord(placed.getOrderId(),
                            line.getLineId(), line.getSku(), line.getQuantity(), line.getUnitPrice()));
                }
                journal(placed.getOrderId(), placed.getOccurredAt(), "order placed at shop %s by %s (%s, %d line(s): %s)"
                        .formatted(placed.getShopId(), placed.getCustomer().getCustomerId(), placed.getShippingPolicy(),
                                placed.getLines().size(), placed.getLines().stream()
                                        .map(l -> l.getQuantity() + " x " + l.getSku()).toList()));
            }
            case OrderCancellationRequested cancel when ourOrder.test(cancel.getOrderId()) -> {
                cancellationsRequested++;
                journal(cancel.getOrderId(), cancel.getOccurredAt(), "customer asked to cancel line(s) "
                        + cancel.getLineIds() + (cancel.getReason() == null ? "" : " (" + cancel.getReason() + ")"));
            }
            default -> { }
        }
    }

    public synchronized void onLineEvent(final LineEvent value) {
        switch (value.getEvent()) {
            case LineAllocated e when ourOrder.test(e.getOrderId()) -> {
                linesAllocated++;
                line(e.getOrderId(), e.getLineId()).allocatedAtOrder += e.getQuantity();
                journal(e.getOrderId(), e.getOccurredAt(), "line %s: %d x %s allocated from stock"
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku()));
            }
            case LineBackordered e when ourOrder.test(e.getOrderId()) -> {
                linesBackordered++;
                final LineRecord line = line(e.getOrderId(), e.getLineId());
                line.backordered += e.getQuantity();
                line.openedAt = e.getOccurredAt();
                line.firstPromise = e.getPromisedDate();
                line.lastPromise = e.getPromisedDate();
                line.firstDueDay = clock.dueDay(e.getPromisedDate(), e.getOccurredAt());
                line.lastDueDay = line.firstDueDay;
                journal(e.getOrderId(), e.getOccurredAt(), "line %s: %d x %s backordered, queue position %d, promised %s (in %d d)"
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku(), e.getQueuePosition(), e.getPromisedDate(),
                                SimClock.daysAhead(e.getPromisedDate(), e.getOccurredAt())));
            }
            case LineRejected e when ourOrder.test(e.getOrderId()) -> {
                linesRejected++;
                rejectionsByReason.merge(e.getReason().name(), 1L, Long::sum);
                final LineRecord line = line(e.getOrderId(), e.getLineId());
                line.rejected += e.getQuantity();
                line.rejectionReason = e.getReason().name();
                journal(e.getOrderId(), e.getOccurredAt(), "line %s: %d x %s rejected %s, substitutes %s"
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku(), e.getReason(),
                                e.getSubstitutes().stream().map(s -> s.getSku()).toList()));
            }
            case BackorderAllocated e when ourOrder.test(e.getOrderId()) -> {
                final LineRecord line = line(e.getOrderId(), e.getLineId());
                line.filled += e.getQuantity();
                if (e.getRemainingBackordered() == 0) {
                    backordersFilled++;
                    line.filledAt = e.getOccurredAt();
                }
                journal(e.getOrderId(), e.getOccurredAt(), (e.getShipmentMovementId() == null
                        ? "line %s: %d x %s arrived for it, %s"
                        : "line %s: %d x %s it still waited for were shipped by the warehouse, %s")
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku(), e.getRemainingBackordered() == 0
                                ? e.getShipmentMovementId() == null ? "ready to ship" : "nothing left waiting"
                                : e.getRemainingBackordered() + " still waiting"));
            }
            case BackorderCancelled e when ourOrder.test(e.getOrderId()) -> {
                backordersCancelled++;
                line(e.getOrderId(), e.getLineId()).cancelled += e.getQuantity();
                journal(e.getOrderId(), e.getOccurredAt(), "line %s: backorder of %d x %s cancelled"
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku()));
            }
            case LineReleased e when ourOrder.test(e.getOrderId()) -> journal(e.getOrderId(), e.getOccurredAt(),
                    "line %s: %d allocated unit(s) released".formatted(e.getLineId(), e.getQuantity()));
            default -> { }
        }
    }

    public synchronized void onDeliveryDate(final DeliveryDateChanged e) {
        if (!ourOrder.test(e.getOrderId())) {
            return;
        }
        datesMoved++;
        final LineRecord line = line(e.getOrderId(), e.getLineId());
        line.dateChanges++;
        line.lastPromise = e.getNewDate();
        line.lastDueDay = clock.dueDay(e.getNewDate(), e.getOccurredAt());
        journal(e.getOrderId(), e.getOccurredAt(), "line %s: delivery date %s -> %s (in %d d, %s)"
                .formatted(e.getLineId(), e.getPreviousDate(), e.getNewDate(),
                        SimClock.daysAhead(e.getNewDate(), e.getOccurredAt()), e.getReason()));
    }

    public synchronized void onShipmentRequested(final ShipmentRequested e) {
        if (!ourOrder.test(e.getOrderId())) {
            return;
        }
        shipmentRequests++;
        journal(e.getOrderId(), e.getOccurredAt(), "shipment requested from the warehouse (%s): %s".formatted(
                e.getShippingPolicy(), e.getLines().stream().map(l -> l.getLineId() + ":" + l.getQuantity()).toList()));
    }

    public synchronized void onStockMovement(final StockMovement value, final Instant runStart) {
        switch (value.getEvent()) {
            case StockShipped e when ourOrder.test(e.getOrderId()) -> {
                shipped++;
                line(e.getOrderId(), e.getLineId()).shipped += e.getQuantity();
                journal(e.getOrderId(), e.getOccurredAt(), "line %s: %d x %s shipped by %s, tracking %s"
                        .formatted(e.getLineId(), e.getQuantity(), e.getSku(), e.getCarrier(), e.getTrackingNumber()));
            }
            case StockReceived e when !e.getOccurredAt().isBefore(runStart) -> {
                receipts++;
                unitsReceived += e.getQuantity();
                if (e.getPurchaseOrderId() != null) {
                    final PoLine po = poLines.get(key(e.getPurchaseOrderId(), e.getPurchaseOrderLineId()));
                    if (po != null && po.receivedAt == null) {
                        po.receivedAt = e.getOccurredAt();
                    }
                }
            }
            default -> { }
        }
    }

    public synchronized void onPurchaseOrder(final PurchaseOrderEvent value, final Instant runStart) {
        if (value.getEvent() instanceof PurchaseOrderIssued e && !e.getOccurredAt().isBefore(runStart)) {
            purchaseOrdersIssued.add(e.getPurchaseOrderId());
            e.getLines().forEach(l -> poLines.putIfAbsent(key(e.getPurchaseOrderId(), l.getLineId()),
                    new PoLine(e.getSupplierId())));
        }
    }

    public synchronized void onSupplierEvent(final SupplierEvent value) {
        switch (value.getEvent()) {
            case PurchaseOrderAcknowledged e when purchaseOrdersIssued.contains(e.getPurchaseOrderId()) -> {
                purchaseOrdersAcknowledged.add(e.getPurchaseOrderId());
                e.getLines().forEach(l -> promise(e.getPurchaseOrderId(), l.getLineId(), l.getPromisedDate(),
                        e.getOccurredAt()));
            }
            case PurchaseOrderRejected e when purchaseOrdersIssued.contains(e.getPurchaseOrderId()) ->
                    purchaseOrdersRejected.add(e.getPurchaseOrderId());
            case PromisedDateChanged e when purchaseOrdersIssued.contains(e.getPurchaseOrderId()) -> {
                supplierDateChanges++;
                e.getLines().forEach(l -> promise(e.getPurchaseOrderId(), l.getLineId(), l.getPromisedDate(),
                        e.getOccurredAt()));
            }
            case ShipmentDispatched e when purchaseOrdersIssued.contains(e.getPurchaseOrderId()) -> supplierShipments++;
            default -> { }
        }
    }

    public synchronized void onNotification(final NotificationEvent value) {
        switch (value.getEvent()) {
            case CustomerNotificationSent e when ourOrder.test(e.getOrderId()) -> {
                notificationsSent++;
                notificationsByKind.merge(e.getKind().name(), 1L, Long::sum);
            }
            case CustomerNotificationSuppressed e when ourOrder.test(e.getOrderId()) -> notificationsSuppressed++;
            default -> { }
        }
    }

    public synchronized void onDeadLetter(final String topic) {
        deadLetters.merge(topic, 1L, Long::sum);
    }

    public synchronized void onEmail(final String orderId, final Instant at, final String subject, final String to) {
        emailsCaught++;
        if (orderId != null && ourOrder.test(orderId)) {
            journal(orderId, at, "email to %s: \"%s\"".formatted(to, subject));
        }
    }

    private void promise(final String purchaseOrderId, final String lineId, final LocalDate date, final Instant at) {
        final PoLine po = poLines.get(key(purchaseOrderId, lineId));
        if (po != null && po.receivedAt == null) {
            po.dueDay = clock.dueDay(date, at);
        }
    }

    private LineRecord line(final String orderId, final String lineId) {
        return lines.computeIfAbsent(key(orderId, lineId), k -> new LineRecord(orderId, lineId, "?", 0, null));
    }

    private void journal(final String orderId, final Instant at, final String text) {
        journals.computeIfAbsent(orderId, k -> new ArrayList<>()).add(new Journal(at, text));
    }

    private static String key(final String a, final String b) {
        return a + "\u0000" + b;
    }

    /** The counters now, for the progress line and the test. */
    public synchronized Counts counts() {
        long open = 0;
        for (final LineRecord line : lines.values()) {
            if (line.openBackordered() > 0) {
                open++;
            }
        }
        final long deadLetterTotal = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        return new Counts(ordersPlaced, linesAllocated, linesBackordered, linesRejected, open, backordersFilled,
                backordersCancelled, cancellationsRequested, purchaseOrdersIssued.size(),
                purchaseOrdersAcknowledged.size(), purchaseOrdersRejected.size(), datesMoved, supplierDateChanges,
                supplierShipments, receipts, unitsReceived, shipmentRequests, shipped, notificationsSent,
                notificationsSuppressed, emailsCaught, deadLetterTotal);
    }

    /** Snapshot of the counters. */
    public record Counts(long orders, long linesAllocated, long linesBackordered, long linesRejected,
                         long backordersOpen, long backordersFilled, long backordersCancelled,
                         long cancellationsRequested, long purchaseOrdersIssued, long purchaseOrdersAcknowledged,
                         long purchaseOrdersRejected, long datesMoved, long supplierDateChanges,
                         long supplierShipments, long receipts, long unitsReceived, long shipmentRequests,
                         long shipped, long notificationsSent, long notificationsSuppressed, long emailsCaught,
                         long deadLetters) {
    }

    synchronized List<LineRecord> lines() {
        return List.copyOf(lines.values());
    }

    synchronized List<PoLine> poLines() {
        return List.copyOf(poLines.values());
    }

    public synchronized Map<String, Long> deadLetters() {
        return Map.copyOf(deadLetters);
    }

    public synchronized Map<String, Long> rejectionsByReason() {
        return Map.copyOf(rejectionsByReason);
    }

    public synchronized Map<String, Long> notificationsByKind() {
        return Map.copyOf(notificationsByKind);
    }

    public synchronized Map<String, List<Journal>> journals() {
        final Map<String, List<Journal>> copy = new HashMap<>();
        journals.forEach((order, list) -> copy.put(order, List.copyOf(list)));
        return copy;
    }
}
