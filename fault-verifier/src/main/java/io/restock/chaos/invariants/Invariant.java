package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One exactly-once invariant over a {@link History}: its name, what it compares and the {@link Rule} that checks it.
 * Pure, so each can be shown to fail on a hand-made history. The constants below are the invariants the verifier
 * checks, named and described in one table; each rule is a class of this package whose Javadoc says what it
 * checks and why.
 *
 * @param name     kebab-case name, printed in the verdict
 * @param compares what it compares, in one sentence (printed with the verdict and in the README)
 * @param rule     the check
 */
public record Invariant(String name, String compares, Rule rule) {

    /** The check of one invariant: adds each violation it finds in a history, none when the history keeps it. */
    @FunctionalInterface
    public interface Rule {
        void check(History history, Violations violations);
    }

    /** Where a {@link Rule} adds what it found: the key involved (an order line, a SKU...) and what differs. */
    @FunctionalInterface
    public interface Violations {
        void add(String key, String detail);
    }

    /** What a rule compares for one SKU against the SKU's last {@code inventory.stock-levels} record. */
    @FunctionalInterface
    interface SkuCheck {
        /**
         * @param units what the rule counted for the SKU, 0 if it counted nothing
         * @param level the SKU's last stock level, null if there is none
         */
        void check(String sku, int units, History.Level level);
    }

    public static final Invariant ACCEPTED_ORDERS_ARE_PLACED = new Invariant("accepted-orders-are-placed",
            "each order answered 2xx (HTTP) or acknowledged by Kafka (shops.<shop>.order-submissions) in the log "
                    + "against its submission outcome (ACCEPTED, Kafka door) and the OrderPlaced records of "
                    + "orders.order-events (same lines)",
            new AcceptedOrdersArePlaced());

    public static final Invariant MOVEMENTS_RECORDED = new Invariant("movements-recorded",
            "each receipt, adjustment and shipment answered 2xx in the log against the StockReceived / StockAdjusted / "
                    + "StockShipped records with its movementId (at least one, every one of that kind with the SKU and "
                    + "quantity sent)",
            new MovementsRecorded());

    public static final Invariant CANCELLATIONS_RECORDED = new Invariant("cancellations-recorded",
            "each cancellation answered 2xx with an eventId in the log against the OrderCancellationRequested records "
                    + "of orders.order-events",
            new CancellationsRecorded());

    public static final Invariant LINES_DECIDED_ONCE = new Invariant("lines-decided-once",
            "each line of the OrderPlaced records against its LineAllocated/LineBackordered/LineRejected on "
                    + "inventory.line-events (one of each at most, quantities adding up to the quantity ordered)",
            new LinesDecidedOnce());

    public static final Invariant STOCK_CONSERVED = new Invariant("stock-conserved",
            "per SKU, received + adjusted - shipped on inventory.stock-movements (each movementId once) against onHand "
                    + "(and onHand - allocated against available) of its last inventory.stock-levels record; "
                    + "shipped > 0 when inventory.shipment-requests asked for shipments",
            new StockConserved());

    public static final Invariant ALLOCATIONS_ACCOUNTED = new Invariant("allocations-accounted",
            "per line, allocated - released units on inventory.line-events against 0..ordered; per SKU, their sum - "
                    + "StockShipped units against allocated of its last inventory.stock-levels record",
            new AllocationsAccounted());

    public static final Invariant BACKORDERS_ACCOUNTED = new Invariant("backorders-accounted",
            "per line, backordered - filled - cancelled units on inventory.line-events (and each "
                    + "BackorderAllocated.remainingBackordered); per SKU, the units left against backordered of its "
                    + "last inventory.stock-levels record, and available > 0 only with nothing backordered",
            new BackordersAccounted());

    public static final Invariant NO_DEMAND_ORDERED_TWICE = new Invariant("no-demand-ordered-twice",
            "StockShortfall (sku, sequence) and PurchaseOrderIssued (purchaseOrderId, lineId) for duplicates; each "
                    + "line's quantity against its offer's minimum and pack; per SKU, units live on purchase orders "
                    + "(after amendments, cancellations and supplier rejections) against shortfall units less units "
                    + "taken back, plus each live line's rounding allowance",
            new NoDemandOrderedTwice());

    public static final Invariant SUPPLIER_ANSWERS_RECORDED = new Invariant("supplier-answers-recorded",
            "each supplier answer answered 2xx in the log against procurement.supplier-events: one record per "
                    + "(supplier, messageId), with the eventId of the 2xx, the kind and the line quantities sent",
            new SupplierAnswersRecorded());

    public static final Invariant NOTIFICATIONS_ONCE_PER_CAUSE = new Invariant("notifications-once-per-cause",
            "CustomerNotificationSent records per notificationId and per (kind, cause event id); the emails caught by "
                    + "SMTP (Message-ID <notificationId@restock>) against the EMAIL ones recorded",
            new NotificationsOncePerCause());

    /** All invariants the verifier checks, in the order the verdict prints them. */
    public static List<Invariant> all() {
        return List.of(ACCEPTED_ORDERS_ARE_PLACED, MOVEMENTS_RECORDED, CANCELLATIONS_RECORDED, LINES_DECIDED_ONCE,
                STOCK_CONSERVED, ALLOCATIONS_ACCOUNTED, BACKORDERS_ACCOUNTED, NO_DEMAND_ORDERED_TWICE,
                SUPPLIER_ANSWERS_RECORDED, NOTIFICATIONS_ONCE_PER_CAUSE);
    }

    /** Every violation found, named after this invariant; empty when the history keeps it. */
    public List<Violation> check(final History history) {
        final List<Violation> violations = new ArrayList<>();
        rule.check(history, (key, detail) -> violations.add(new Violation(name, key, detail)));
        return violations;
    }

    /**
     * Hands {@code check} each SKU that has units in {@code perSku} or a last stock level, in SKU order, with its
     * units and its last level: for the rules that compare what the events add up to per SKU against the level.
     */
    static void againstFinalLevels(final History history, final Map<String, Integer> perSku, final SkuCheck check) {
        final TreeSet<String> skus = new TreeSet<>(perSku.keySet());
        skus.addAll(history.finalLevels().keySet());
        for (final String sku : skus) {
            check.check(sku, perSku.getOrDefault(sku, 0), history.finalLevels().get(sku));
        }
    }
}
