package io.restock.backorder.plan;

import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.Supply;
import io.restock.backorder.procurement.Offer;
import io.restock.backorder.procurement.OrderQuantity;
import io.restock.backorder.procurement.PurchaseOrderDraft;
import io.restock.backorder.procurement.Requirement;
import io.restock.backorder.procurement.SupplierChoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One SKU's supply plan: our purchase-order lines and what suppliers said about them, requirements
 * still in an open batch, the SKU's offers and terms, the stock position inventory-stream last
 * published, and the supply schedule last published. backorder-processor owns supply; it does not
 * keep the queue or date lines (inventory-stream, the SKU's single writer, does, from the schedule
 * this plan publishes). Each operation returns what it decided as {@link Decision}s; a
 * {@link Decision.SupplyChanged} is returned only when the schedule differs from the one last
 * published.
 *
 * <p><b>Netting (rule 8: no demand is ordered twice).</b> {@code requirement} is the number of units
 * that should be on order: every distinct shortfall (by event id) adds its quantity — inventory-stream
 * already netted it against its own on-order, which is this plan's schedule plus the shortfalls not in
 * it yet — a receipt counted against a purchase-order line takes its units off, and surplus we cancel
 * takes those off. {@code outstanding} is what we track ourselves: the remaining units of every open
 * line plus requirements not yet in a purchase order. Only {@code requirement - outstanding} is ever
 * asked for, so a duplicate shortfall, a replayed one, or a shortfall already covered by a rounded-up
 * line orders nothing; a rejection or a short acknowledgement lowers {@code outstanding} and the
 * difference goes to the next supplier.
 *
 * <p><b>Drop-ship (rule 8).</b> A customer line inventory-stream routed as drop-ship (its shortfall names the
 * line, {@link #dropShip}) gets a purchase-order line of its own to the named supplier at once: the customer's
 * quantity (no batching, no minimum or pack rounding: the supplier ships this line, not stock), never part of
 * {@code requirement}, {@code outstanding}, the inbound lines or on-order, and receipts against it are ignored
 * (inventory-stream dead-letters them). The schedule lists it in {@code dropShipLines} until it is shipped or
 * rejected, once more with that final status, then drops it.
 *
 * <p><b>Stock</b> is not summed from events: it is the latest {@code inventory.stock-levels} record
 * (inventory-stream owns it), read whenever it changes.
 */
public final class SkuPlan {

    private final String sku;
    private Terms terms;
    private final Map<String, Offer> offers;
    private int available;
    private int backordered;
    private int allocated;
    private final List<PoLine> lines;
    private final List<Pending> pending;
    private int nextSeq;
    private int requirement;
    private final Set<String> excluded;
    private final Deque<String> recentIds;
    private long appliedThrough;
    private String published;

    public SkuPlan(final String sku, final Terms terms, final Map<String, Offer> offers, final int available,
                   final int backordered, final int allocated, final List<PoLine> lines, final List<Pending> pending,
                   final int nextSeq, final int requirement, final Set<String> excluded, final List<String> recentIds,
                   final long appliedThrough, final String published) {
        this.sku = sku;
        this.terms = terms;
        this.offers = new TreeMap<>(offers);
        this.available = available;
        this.backordered = backordered;
        this.allocated = allocated;
        this.lines = new ArrayList<>(lines);
        this.pending = new ArrayList<>(pending);
        this.nextSeq = nextSeq;
        this.requirement = requirement;
        this.excluded = new TreeSet<>(excluded);
        this.recentIds = new ArrayDeque<>(recentIds);
        this.appliedThrough = appliedThrough;
        this.published = published;
    }

    public static SkuPlan empty(final String sku) {
        return new SkuPlan(sku, null, Map.of(), 0, 0, 0, List.of(), List.of(), 0, 0, Set.of(), List.of(), 0, null);
    }

    // ---- reads (also what the codec stores)

    public String sku() {
        return sku;
    }

    public Optional<Terms> terms() {
        return Optional.ofNullable(terms);
    }

    public Map<String, Offer> offers() {
        return Map.copyOf(offers);
    }

    /** Units available as inventory-stream last published. */
    public int available() {
        return available;
    }

    /** Units backordered as inventory-stream last published. */
    public int backordered() {
        return backordered;
    }

    /** Units allocated as inventory-stream last published. */
    public int allocated() {
        return allocated;
    }

    public List<PoLine> lines() {
        return List.copyOf(lines);
    }

    public List<Pending> pending() {
        return List.copyOf(pending);
    }

    public int nextSeq() {
        return nextSeq;
    }

    public int requirement() {
        return requirement;
    }

    public Set<String> excluded() {
        return Set.copyOf(excluded);
    }

    public List<String> recentIds() {
        return List.copyOf(recentIds);
    }

    /** The highest shortfall sequence netted. */
    public long appliedThrough() {
        return appliedThrough;
    }

    /** A fingerprint of the schedule last published, or null. */
    public String published() {
        return published;
    }

    /** Units on order or asked for and not yet arrived (drop-ship lines are never stock). */
    public int outstanding() {
        return lines.stream().filter(l -> !l.isDropShip()).mapToInt(PoLine::remaining).sum()
                + pending.stream().mapToInt(Pending::quantity).sum();
    }

    /** Whether the id was applied already; remembers it if not. */
    private boolean duplicate(final String id, final PlanContext ctx) {
        if (id == null) {
            return false;
        }
        if (recentIds.contains(id)) {
            return true;
        }
        recentIds.addLast(id);
        while (recentIds.size() > ctx.rememberedIds()) {
            recentIds.removeFirst();
        }
        return false;
    }

    // ---- stock (inventory.stock-levels, inventory.stock-movements)

    /**
     * inventory-stream's position of the SKU, the truth about stock. When backordered units went
     * down without allocated going up (a cancellation, not a fill), demand disappeared: surplus supply
     * is trimmed.
     */
    public List<Decision> level(final int availableNow, final int backorderedNow, final int allocatedNow,
                                final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        final boolean demandLeft = backorderedNow < backordered && allocatedNow <= allocated;
        available = availableNow;
        backordered = backorderedNow;
        allocated = allocatedNow;
        if (demandLeft) {
            trimSurplus(ctx, out);
        }
        publish(Reason.CANCELLATION, ctx, out);
        return out;
    }

    /**
     * Goods arrived; against a purchase-order line they close (part of) it; without one they are
     * matched to the open lines earliest expected first ({@link InboundLine#matchReceipt}), the rule
     * inventory-stream applies too.
     */
    public List<Decision> received(final String movementId, final int quantity, final String purchaseOrderId,
                                   final String purchaseOrderLineId, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(movementId, ctx)) {
            return out;
        }
        final Map<String, Integer> counted = new TreeMap<>();
        if (purchaseOrderId != null) {
            counted.put(InboundLine.key(purchaseOrderId, purchaseOrderLineId), quantity);
        } else {
            counted.putAll(InboundLine.matchReceipt(schedule(ctx).lines(), Map.of(), quantity));
        }
        Reason reason = Reason.STOCK_RECEIVED;
        for (final Map.Entry<String, Integer> e : counted.entrySet()) {
            final Optional<PoLine> line = lines.stream()
                    .filter(l -> InboundLine.key(l.purchaseOrderId(), l.lineId()).equals(e.getKey())).findFirst();
            if (line.isPresent() && line.get().isDropShip()) {
                continue;
            }
            requirement -= Math.min(e.getValue(), requirement);
            if (line.isPresent()) {
                final PoLine l = line.get();
                if (!l.observed() && l.promisedDate() != null) {
                    out.add(new Decision.Delivered(l.supplierId(), l.promisedDate(), ctx.today()));
                    l.markObserved();
                }
                l.receive(e.getValue());
                if (l.remaining() > 0) {
                    reason = Reason.PARTIAL_DELIVERY;
                }
            }
        }
        dropClosedLines();
        publish(reason, ctx, out);
        return out;
    }

    // ---- catalogue

    public List<Decision> policy(final Terms newTerms, final PlanContext ctx) {
        this.terms = newTerms;
        final List<Decision> out = new ArrayList<>();
        replenish(ctx, out);
        publish(Reason.REPLANNED, ctx, out);
        return out;
    }

    /** A supplier's offer changed (null: withdrawn). A changed offer re-admits a supplier that had rejected. */
    public List<Decision> offer(final String supplierId, final Offer offer, final PlanContext ctx) {
        if (offer == null) {
            offers.remove(supplierId);
        } else {
            offers.put(supplierId, offer);
        }
        excluded.remove(supplierId);
        final List<Decision> out = new ArrayList<>();
        replenish(ctx, out);
        publish(Reason.REPLANNED, ctx, out);
        return out;
    }

    // ---- procurement

    /**
     * inventory-stream needs {@code quantity} more units (rule 7); a repeated event id orders nothing.
     * {@code sequence} (may be null) is reported back in the schedule as netted.
     */
    public List<Decision> shortfall(final String eventId, final int quantity, final Long sequence,
                                    final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx) || quantity <= 0) {
            return out;
        }
        requirement += quantity;
        if (sequence != null) {
            appliedThrough = Math.max(appliedThrough, sequence);
        }
        replenish(ctx, out);
        publish(Reason.REPLANNED, ctx, out);
        return out;
    }

    /**
     * inventory-stream routed a customer line as drop-ship to {@code supplierId} (the schedule's next order
     * drop-ships): one purchase-order line of the line's units, issued now. If that supplier can no longer
     * drop-ship it (offer withdrawn, inactive, excluded, drop-ship not allowed), the line is published REJECTED
     * at once, without a purchase order, and inventory-stream queues it.
     */
    public List<Decision> dropShip(final String eventId, final String orderId, final String orderLineId,
                                   final String supplierId, final int quantity, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx) || quantity <= 0 || lines.stream().anyMatch(l -> l.isDropShip()
                && l.dropShipOrderId().equals(orderId) && l.dropShipLineId().equals(orderLineId))) {
            return out;
        }
        final int seq = ++nextSeq;
        final String purchaseOrderId = "PO-" + supplierId + "-" + sku + "-ds" + seq;
        final String lineId = sku + "~ds" + seq;
        final Offer o = offers.get(supplierId);
        final boolean can = o != null && o.active() && !excluded.contains(supplierId) && dropShips(o, ctx);
        final LocalDate expected = ctx.today().plusDays(o == null ? 0 : o.leadTimeDays());
        final PoLine line = PoLine.dropShip(purchaseOrderId, lineId, supplierId, quantity, expected, orderId,
                orderLineId);
        lines.add(line);
        if (can) {
            out.add(new Decision.IssueDropShip(purchaseOrderId, lineId, supplierId, quantity, o.unitCost(),
                    o.currency(), expected, orderId, orderLineId));
        } else {
            line.reject();
        }
        publish(can ? Reason.REPLANNED : Reason.SUPPLIER_REJECTED, ctx, out);
        return out;
    }

    /** A purchase-order line was issued; it includes our requirements to that supplier up to the seq in its id. */
    public List<Decision> lineIssued(final String purchaseOrderId, final String lineId, final String supplierId,
                                     final int quantity, final LocalDate requestedDate, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (line(purchaseOrderId, lineId).isPresent()) {
            return out;
        }
        final int covered = PurchaseOrderDraft.coveredSeq(lineId);
        pending.removeIf(p -> p.supplierId().equals(supplierId) && p.seq() <= covered);
        final Offer offer = offers.get(supplierId);
        final LocalDate expected = requestedDate != null ? requestedDate
                : ctx.today().plusDays(offer == null ? 0 : offer.leadTimeDays());
        lines.add(PoLine.issued(purchaseOrderId, lineId, supplierId, quantity, expected));
        publish(Reason.REPLANNED, ctx, out);
        return out;
    }

    /** The supplier accepted {@code acceptedQuantity} (0 rejects) for {@code promisedDate}; a short line goes on to the next supplier. */
    public List<Decision> acknowledged(final String purchaseOrderId, final String lineId, final int acceptedQuantity,
                                       final LocalDate promisedDate, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        final Optional<PoLine> found = line(purchaseOrderId, lineId);
        if (found.isEmpty()) {
            return out;
        }
        final PoLine l = found.get();
        final boolean shorted = acceptedQuantity < l.ordered();
        l.acknowledge(acceptedQuantity, promisedDate);
        if (shorted && l.isDropShip() && acceptedQuantity > 0) {
            l.cancel();
            out.add(new Decision.CancelLine(l.purchaseOrderId(), l.lineId(), l.supplierId()));
        }
        if (shorted) {
            excluded.add(l.supplierId());
            replenish(ctx, out);
        }
        dropClosedLines();
        publish(acceptedQuantity == 0 ? Reason.SUPPLIER_REJECTED : Reason.SUPPLIER_ACKNOWLEDGED, ctx, out);
        return out;
    }

    /** The supplier will not supply the line: the need goes to the next supplier. */
    public List<Decision> rejected(final String purchaseOrderId, final String lineId, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        final Optional<PoLine> found = line(purchaseOrderId, lineId);
        if (found.isEmpty()) {
            return out;
        }
        found.get().reject();
        excluded.add(found.get().supplierId());
        dropClosedLines();
        replenish(ctx, out);
        publish(Reason.SUPPLIER_REJECTED, ctx, out);
        return out;
    }

    public List<Decision> promisedDateChanged(final String purchaseOrderId, final String lineId,
                                              final LocalDate promisedDate, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            l.promise(promisedDate);
            publish(Reason.PROMISED_DATE_CHANGED, ctx, out);
        });
        return out;
    }

    public List<Decision> shipped(final String purchaseOrderId, final String lineId, final String shipmentId,
                                  final int quantity, final LocalDate arrival, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            if (l.ship(new PoLine.Shipment(shipmentId, quantity, arrival))) {
                publish(Reason.SHIPMENT_DISPATCHED, ctx, out);
            }
        });
        return out;
    }

    /** Our own amendment came back from the purchase-order topic (idempotent). */
    public List<Decision> lineAmended(final String purchaseOrderId, final String lineId, final int quantity,
                                      final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            if (l.ordered() != quantity && !l.acknowledged()) {
                l.amend(quantity);
                publish(Reason.REPLANNED, ctx, out);
            }
        });
        return out;
    }

    /** Our own cancellation came back from the purchase-order topic (idempotent). */
    public List<Decision> lineCancelled(final String purchaseOrderId, final String lineId, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            l.cancel();
            dropClosedLines();
            publish(Reason.REPLANNED, ctx, out);
        });
        return out;
    }

    // ---- the schedule

    /**
     * The supply as published on {@code promises.sku-supply}: the open purchase-order lines, each
     * supplier's planned requirements (at the latest date one of them expects), the supplier new
     * demand would go to now, and on-order = outstanding plus need no supplier took.
     */
    public Schedule schedule(final PlanContext ctx) {
        final List<InboundLine> inbound = new ArrayList<>();
        final List<DropShip> dropShips = new ArrayList<>();
        for (final PoLine l : lines) {
            if (l.isDropShip()) {
                dropShips.add(new DropShip(l.dropShipOrderId(), l.dropShipLineId(), l.supplierId(),
                        l.purchaseOrderId(), l.lineId(), l.ordered(), l.expected(), l.shippedQuantity(),
                        l.dropShipStatus()));
            } else if (l.effective() > 0) {
                inbound.add(new InboundLine(l.purchaseOrderId(), l.lineId(), l.supplierId(), l.effective(),
                        l.received(), l.arrivals()));
            }
        }
        final Map<String, Integer> pendingBySupplier = new TreeMap<>();
        final Map<String, LocalDate> pendingDate = new TreeMap<>();
        for (final Pending p : pending) {
            pendingBySupplier.merge(p.supplierId(), p.quantity(), Integer::sum);
            if (p.quantity() > 0) {
                pendingDate.merge(p.supplierId(), p.expected(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        pendingBySupplier.forEach((supplier, units) -> {
            if (units > 0) {
                inbound.add(new InboundLine(null, "planned/" + supplier, supplier, units, 0,
                        List.of(new Supply.Inbound(pendingDate.get(supplier), units))));
            }
        });
        final int outstanding = outstanding();
        final Optional<Offer> next = chosen(ctx);
        return new Schedule(inbound, next.orElse(null), next.isPresent() && dropShips(next.get(), ctx),
                outstanding + Math.max(0, requirement - outstanding), appliedThrough, List.copyOf(offers.keySet()),
                dropShips);
    }

    /** Whether {@code offer}'s supplier may ship this SKU to a customer: its offer, the SKU policy and the setting. */
    private boolean dropShips(final Offer offer, final PlanContext ctx) {
        return ctx.dropShipEnabled() && offer.dropShip() && terms != null && terms.dropShipAllowed();
    }

    /** A drop-ship line as the schedule publishes it. */
    public record DropShip(String orderId, String lineId, String supplierId, String purchaseOrderId,
                           String purchaseOrderLineId, int quantity, LocalDate expected, int shipped,
                           PoLine.DropShipStatus status) {
    }

    /**
     * The published schedule.
     *
     * @param next           the supplier new demand would go to now, or null
     * @param nextDropShips  whether {@code next} would ship a new backorder straight to the customer
     * @param onOrder        open purchase-order units plus planned requirements (including need no supplier took)
     * @param weighed        the suppliers whose offers the choice of {@code next} considered
     * @param dropShips      the drop-ship lines, shipped or rejected ones for the last time
     */
    public record Schedule(List<InboundLine> lines, Offer next, boolean nextDropShips, int onOrder,
                           long appliedThrough, List<String> weighed, List<DropShip> dropShips) {

        public Schedule(final List<InboundLine> lines, final Offer next, final int onOrder, final long appliedThrough) {
            this(lines, next, false, onOrder, appliedThrough, List.of(), List.of());
        }

        /** What the schedule says, without event metadata: equal fingerprints, nothing to publish. */
        public String fingerprint() {
            final StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l.key()).append(':').append(l.supplierId()).append(':')
                    .append(l.expectedQuantity()).append(':').append(l.receivedQuantity()).append(l.arrivals())
                    .append(';'));
            b.append("next=").append(next == null ? "-" : next.supplierId() + "/" + next.leadTimeDays())
                    .append(nextDropShips ? "/ds" : "");
            b.append(";onOrder=").append(onOrder).append(";through=").append(appliedThrough);
            b.append(";weighed=").append(weighed);
            dropShips.forEach(d -> b.append(";ds=").append(d));
            return b.toString();
        }
    }

    // ---- internals

    private void publish(final Reason reason, final PlanContext ctx, final List<Decision> out) {
        final Schedule schedule = schedule(ctx);
        final String fingerprint = schedule.fingerprint();
        if (!fingerprint.equals(published)) {
            published = fingerprint;
            out.add(new Decision.SupplyChanged(schedule, reason));
        }
        lines.removeIf(l -> l.isDropShip() && l.dropShipStatus() != PoLine.DropShipStatus.ORDERED);
    }

    private Optional<PoLine> line(final String purchaseOrderId, final String lineId) {
        return lines.stream().filter(l -> l.is(purchaseOrderId, lineId)).findFirst();
    }

    private void dropClosedLines() {
        lines.removeIf(l -> !l.isDropShip() && l.remaining() == 0);
    }

    private int handlingDays() {
        return terms == null ? 0 : terms.handlingDays();
    }

    /**
     * The supplier new demand goes to: ONE choice for the published next order and the real
     * requirement, with the need-by date of today plus the SKU's maximum wait, else the shared default
     * (finding 4: a SKU without its own maximum wait means the same on both sides).
     */
    private Optional<Offer> chosen(final PlanContext ctx) {
        return SupplierChoice.choose(offers.values(), excluded, ctx.today(), handlingDays(),
                ctx.promises().needBy(ctx.today(), terms == null ? null : terms.maxWaitDays()));
    }

    /** Asks the chosen supplier for {@code requirement - outstanding}, if positive. */
    private void replenish(final PlanContext ctx, final List<Decision> out) {
        final int need = requirement - outstanding();
        if (need <= 0) {
            return;
        }
        final Optional<Offer> offer = chosen(ctx);
        if (offer.isEmpty()) {
            return;
        }
        final Offer o = offer.get();
        final int seq = ++nextSeq;
        final LocalDate expected = ctx.today().plusDays(o.leadTimeDays());
        pending.add(new Pending(seq, o.supplierId(), need, expected));
        out.add(new Decision.Request(new Requirement(sku, o.supplierId(), seq, need, o.minimumOrderQuantity(),
                o.packSize(), o.unitCost(), o.currency(), o.leadTimeDays(), false, expected)));
    }

    /**
     * After demand disappeared: if the inventory position with our supply (available + outstanding -
     * backordered, stock as inventory-stream published it) is above the target level, take the surplus
     * off requirements still in a batch, then off lines the supplier has not acknowledged (newest
     * first; a lowered line keeps the minimum and the pack size, a line that would fall to zero is
     * cancelled). Acknowledged lines stay: their surplus becomes stock.
     */
    private void trimSurplus(final PlanContext ctx, final List<Decision> out) {
        if (!ctx.amendUnacknowledged() || terms == null) {
            return;
        }
        int surplus = available + outstanding() - backordered - terms.targetLevel();
        if (surplus <= 0) {
            return;
        }
        int trimmed = 0;
        final Map<String, Integer> pendingBySupplier = new TreeMap<>();
        pending.forEach(p -> pendingBySupplier.merge(p.supplierId(), p.quantity(), Integer::sum));
        for (final Map.Entry<String, Integer> e : pendingBySupplier.entrySet()) {
            final int cut = Math.min(surplus, e.getValue());
            if (cut <= 0) {
                continue;
            }
            final Offer o = offers.get(e.getKey());
            final int seq = ++nextSeq;
            pending.add(new Pending(seq, e.getKey(), -cut, ctx.today()));
            out.add(new Decision.Request(new Requirement(sku, e.getKey(), seq, -cut,
                    o == null ? 1 : o.minimumOrderQuantity(), o == null ? 1 : o.packSize(),
                    o == null ? BigDecimal.ZERO : o.unitCost(), o == null ? "EUR" : o.currency(),
                    o == null ? 0 : o.leadTimeDays(), false, null)));
            surplus -= cut;
            trimmed += cut;
        }
        final List<PoLine> newestFirst = lines.stream().filter(l -> !l.isDropShip() && !l.acknowledged() && l.received() == 0
                && l.shipments().isEmpty()).sorted(Comparator.comparing(PoLine::purchaseOrderId).reversed()).toList();
        for (final PoLine l : newestFirst) {
            if (surplus <= 0) {
                break;
            }
            if (surplus >= l.ordered()) {
                surplus -= l.ordered();
                trimmed += l.ordered();
                l.cancel();
                out.add(new Decision.CancelLine(l.purchaseOrderId(), l.lineId(), l.supplierId()));
                continue;
            }
            final Offer o = offers.get(l.supplierId());
            final int lowered = OrderQuantity.round(l.ordered() - surplus, o == null ? 1 : o.minimumOrderQuantity(),
                    o == null ? 1 : o.packSize());
            if (lowered < l.ordered()) {
                final int cut = l.ordered() - lowered;
                surplus -= cut;
                trimmed += cut;
                l.amend(lowered);
                out.add(new Decision.AmendLine(l.purchaseOrderId(), l.lineId(), l.supplierId(), lowered));
            }
        }
        requirement -= Math.min(trimmed, requirement);
        dropClosedLines();
    }
}
