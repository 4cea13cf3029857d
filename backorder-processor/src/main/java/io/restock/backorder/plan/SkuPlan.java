package io.restock.backorder.plan;

import io.restock.allocation.rules.Claim;
import io.restock.allocation.rules.DateProjection;
import io.restock.allocation.rules.Supply;
import io.restock.backorder.procurement.Offer;
import io.restock.backorder.procurement.OrderQuantity;
import io.restock.backorder.procurement.PurchaseOrderDraft;
import io.restock.backorder.procurement.Requirement;
import io.restock.backorder.procurement.SupplierChoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One SKU's plan: the backorder book (mirrored from inventory-stream), the supply on order (our
 * purchase-order lines, what suppliers said about them, and requirements still in an open batch),
 * the SKU's offers and terms, and the dates last promised. Each operation returns what it decided as
 * {@link Decision}s; after every operation the dates are re-projected and only the ones that moved
 * are reported (rule 9).
 *
 * <p><b>Netting (rule 8: no demand is ordered twice).</b> {@code requirement} is the number of units
 * that should be on order: every distinct shortfall (by event id) adds its quantity — inventory-stream
 * already netted it against its own on-order — a receipt against a purchase order takes its units
 * off, and surplus we cancel takes those off. {@code outstanding} is what we track ourselves: the
 * remaining units of every open line plus requirements not yet in a purchase order. Only
 * {@code requirement - outstanding} is ever asked for, so a duplicate shortfall, a replayed one, or a
 * shortfall already covered by a rounded-up line orders nothing; a rejection or a short
 * acknowledgement lowers {@code outstanding} and the difference goes to the next supplier.
 *
 * <p><b>Available units</b> are summed from events (receipts, adjustments, releases add; allocations
 * and backorder fills take), an order-independent sum, so a fill seen before its receipt does not
 * make the projection jump; a negative sum (fills seen first) is taken off the earliest inbound.
 */
public final class SkuPlan {

    private final String sku;
    private Terms terms;
    private final Map<String, Offer> offers;
    private int available;
    private boolean seenActivity;
    private long levelAsOfMillis;
    private final Map<String, Backorder> backorders;
    private final List<PoLine> lines;
    private final List<Pending> pending;
    private int nextSeq;
    private int requirement;
    private final Set<String> excluded;
    private final Deque<String> recentIds;
    private LocalDate promisedEarliest;
    private String promisedSupplier;
    private boolean promisedNewOrder;

    public SkuPlan(final String sku, final Terms terms, final Map<String, Offer> offers, final int available,
                   final boolean seenActivity, final List<Backorder> backorders, final List<PoLine> lines,
                   final List<Pending> pending, final int nextSeq, final int requirement, final Set<String> excluded,
                   final List<String> recentIds, final LocalDate promisedEarliest, final String promisedSupplier,
                   final boolean promisedNewOrder) {
        this.sku = sku;
        this.terms = terms;
        this.offers = new TreeMap<>(offers);
        this.available = available;
        this.seenActivity = seenActivity;
        this.backorders = new LinkedHashMap<>();
        backorders.forEach(b -> this.backorders.put(b.key(), b));
        this.lines = new ArrayList<>(lines);
        this.pending = new ArrayList<>(pending);
        this.nextSeq = nextSeq;
        this.requirement = requirement;
        this.excluded = new TreeSet<>(excluded);
        this.recentIds = new ArrayDeque<>(recentIds);
        this.promisedEarliest = promisedEarliest;
        this.promisedSupplier = promisedSupplier;
        this.promisedNewOrder = promisedNewOrder;
    }

    public static SkuPlan empty(final String sku) {
        return new SkuPlan(sku, null, Map.of(), 0, false, List.of(), List.of(), List.of(), 0, 0, Set.of(), List.of(),
                null, null, false);
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

    public int available() {
        return available;
    }

    public boolean seenActivity() {
        return seenActivity;
    }

    /** Record time of the stock level the available units started from; 0 if they did not start from one. */
    public long levelAsOfMillis() {
        return levelAsOfMillis;
    }

    /** Restores {@link #levelAsOfMillis()} (the codec). */
    public SkuPlan withLevelAsOf(final long millis) {
        this.levelAsOfMillis = millis;
        return this;
    }

    public List<Backorder> backorders() {
        return List.copyOf(backorders.values());
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

    public Optional<LocalDate> promisedEarliest() {
        return Optional.ofNullable(promisedEarliest);
    }

    public Optional<String> promisedSupplier() {
        return Optional.ofNullable(promisedSupplier);
    }

    /** Whether the last published promise relied on a new purchase order. */
    public boolean promisedNewOrder() {
        return promisedNewOrder;
    }

    /** Units on order or asked for and not yet arrived. */
    public int outstanding() {
        return lines.stream().mapToInt(PoLine::remaining).sum() + pending.stream().mapToInt(Pending::quantity).sum();
    }

    /** Units of backorders waiting. */
    public int waiting() {
        return backorders.values().stream().mapToInt(Backorder::waiting).sum();
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

    // ---- the backorder book (inventory-stream's line events)

    /** A line was backordered with the date promised at acceptance. */
    public List<Decision> opened(final String eventId, final String orderId, final String lineId, final Instant placedAt,
                                 final int tierRank, final BigDecimal lineValue, final int quantity,
                                 final LocalDate promisedDate, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx) || backorders.containsKey(Backorder.key(orderId, lineId)) || quantity <= 0) {
            return out;
        }
        seenActivity = true;
        final Backorder b = new Backorder(orderId, lineId, placedAt, tierRank, lineValue, quantity, promisedDate);
        backorders.put(b.key(), b);
        reproject(Reason.REPLANNED, ctx, out);
        return out;
    }

    /** Stock was allocated to a line at order time: it is no longer available. */
    public List<Decision> allocatedAtOrder(final String eventId, final int quantity, final PlanContext ctx) {
        return stockChange(eventId, -quantity, Reason.REPLANNED, ctx);
    }

    /** Allocated units of a cancelled line went back to stock (inventory-stream offers them to the queue). */
    public List<Decision> released(final String eventId, final int quantity, final PlanContext ctx) {
        return stockChange(eventId, quantity, Reason.CANCELLATION, ctx);
    }

    /** Units went to a waiting backorder; {@code remaining} still wait. */
    public List<Decision> filled(final String eventId, final String orderId, final String lineId, final int quantity,
                                 final int remaining, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx)) {
            return out;
        }
        seenActivity = true;
        if (!inStartingLevel(ctx)) {
            available -= quantity;
        }
        final String key = Backorder.key(orderId, lineId);
        final Backorder b = backorders.get(key);
        if (b != null) {
            if (remaining <= 0) {
                backorders.remove(key);
            } else {
                backorders.put(key, b.withWaiting(remaining));
            }
        }
        reproject(Reason.STOCK_RECEIVED, ctx, out);
        return out;
    }

    /** Backordered units left the queue (rule 6): later lines move up; surplus supply may be trimmed. */
    public List<Decision> cancelled(final String eventId, final String orderId, final String lineId,
                                    final int quantity, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx)) {
            return out;
        }
        final String key = Backorder.key(orderId, lineId);
        final Backorder b = backorders.get(key);
        if (b != null) {
            final int left = b.waiting() - quantity;
            if (left <= 0) {
                backorders.remove(key);
            } else {
                backorders.put(key, b.withWaiting(left));
            }
        }
        trimSurplus(ctx, out);
        reproject(Reason.CANCELLATION, ctx, out);
        return out;
    }

    // ---- stock (inventory.stock-movements, inventory.stock-levels)

    /** Goods arrived; against a purchase-order line they close (part of) it. */
    public List<Decision> received(final String movementId, final int quantity, final String purchaseOrderId,
                                   final String purchaseOrderLineId, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(movementId, ctx)) {
            return out;
        }
        seenActivity = true;
        if (!inStartingLevel(ctx)) {
            available += quantity;
        }
        Reason reason = Reason.STOCK_RECEIVED;
        if (purchaseOrderId != null) {
            requirement -= Math.min(quantity, requirement);
            final Optional<PoLine> line = line(purchaseOrderId, purchaseOrderLineId);
            if (line.isPresent()) {
                final PoLine l = line.get();
                if (!l.observed() && l.promisedDate() != null) {
                    out.add(new Decision.Delivered(l.supplierId(), l.promisedDate(), ctx.today()));
                    l.markObserved();
                }
                l.receive(quantity);
                if (l.remaining() > 0) {
                    reason = Reason.PARTIAL_DELIVERY;
                }
            }
        }
        dropClosedLines();
        reproject(reason, ctx, out);
        return out;
    }

    /** A count, damage or loss changed on-hand. */
    public List<Decision> adjusted(final String movementId, final int delta, final PlanContext ctx) {
        return stockChange(movementId, delta, Reason.REPLANNED, ctx);
    }

    /**
     * inventory-stream's view of the SKU. Used once, as the starting point of the available units of a
     * SKU this plan has seen no stock event for (stock that existed before the processor started).
     */
    public List<Decision> level(final int availableNow, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (!seenActivity) {
            available = availableNow;
            levelAsOfMillis = ctx.now().toEpochMilli();
            seenActivity = true;
            reproject(Reason.REPLANNED, ctx, out);
        }
        return out;
    }

    /**
     * Whether a stock event is already counted in the level the available units started from: its
     * record time is not after the level's. inventory-stream stamps a level with the record time of the
     * event that caused it, and the level and the event reach this plan on different topics, in either
     * order; without this, a receipt read after the level it caused would be counted twice.
     */
    private boolean inStartingLevel(final PlanContext ctx) {
        return levelAsOfMillis > 0 && ctx.now().toEpochMilli() <= levelAsOfMillis;
    }

    private List<Decision> stockChange(final String id, final int delta, final Reason reason, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(id, ctx)) {
            return out;
        }
        seenActivity = true;
        if (!inStartingLevel(ctx)) {
            available += delta;
        }
        reproject(reason, ctx, out);
        return out;
    }

    // ---- catalogue

    public List<Decision> policy(final Terms newTerms, final PlanContext ctx) {
        this.terms = newTerms;
        final List<Decision> out = new ArrayList<>();
        replenish(null, ctx, out);
        reproject(Reason.REPLANNED, ctx, out);
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
        replenish(null, ctx, out);
        reproject(Reason.REPLANNED, ctx, out);
        return out;
    }

    // ---- procurement

    /** inventory-stream needs {@code quantity} more units (rule 7); a repeated event id orders nothing. */
    public List<Decision> shortfall(final String eventId, final int quantity, final LocalDate needBy,
                                    final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        if (duplicate(eventId, ctx) || quantity <= 0) {
            return out;
        }
        requirement += quantity;
        replenish(needBy, ctx, out);
        reproject(Reason.REPLANNED, ctx, out);
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
        reproject(Reason.REPLANNED, ctx, out);
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
        if (shorted) {
            excluded.add(l.supplierId());
            replenish(null, ctx, out);
        }
        dropClosedLines();
        reproject(acceptedQuantity == 0 ? Reason.SUPPLIER_REJECTED : Reason.SUPPLIER_ACKNOWLEDGED, ctx, out);
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
        replenish(null, ctx, out);
        reproject(Reason.SUPPLIER_REJECTED, ctx, out);
        return out;
    }

    public List<Decision> promisedDateChanged(final String purchaseOrderId, final String lineId,
                                              final LocalDate promisedDate, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            l.promise(promisedDate);
            reproject(Reason.PROMISED_DATE_CHANGED, ctx, out);
        });
        return out;
    }

    public List<Decision> shipped(final String purchaseOrderId, final String lineId, final String shipmentId,
                                  final int quantity, final LocalDate arrival, final PlanContext ctx) {
        final List<Decision> out = new ArrayList<>();
        line(purchaseOrderId, lineId).ifPresent(l -> {
            if (l.ship(new PoLine.Shipment(shipmentId, quantity, arrival))) {
                reproject(Reason.SHIPMENT_DISPATCHED, ctx, out);
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
                reproject(Reason.REPLANNED, ctx, out);
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
            reproject(Reason.REPLANNED, ctx, out);
        });
        return out;
    }

    // ---- internals

    private Optional<PoLine> line(final String purchaseOrderId, final String lineId) {
        return lines.stream().filter(l -> l.is(purchaseOrderId, lineId)).findFirst();
    }

    private void dropClosedLines() {
        lines.removeIf(l -> l.remaining() == 0);
    }

    private int handlingDays() {
        return terms == null ? 0 : terms.handlingDays();
    }

    /** The need-by date for new supply when a shortfall gives none: the SKU's longest accepted wait. */
    private LocalDate defaultNeedBy(final PlanContext ctx) {
        return terms == null || terms.maxWaitDays() == null ? null : ctx.today().plusDays(terms.maxWaitDays());
    }

    private Optional<Offer> chosen(final LocalDate needBy, final PlanContext ctx) {
        return SupplierChoice.choose(offers.values(), excluded, ctx.today(), handlingDays(),
                needBy != null ? needBy : defaultNeedBy(ctx));
    }

    /** Asks the chosen supplier for {@code requirement - outstanding}, if positive. */
    private void replenish(final LocalDate needBy, final PlanContext ctx, final List<Decision> out) {
        final int need = requirement - outstanding();
        if (need <= 0) {
            return;
        }
        final Optional<Offer> offer = chosen(needBy, ctx);
        if (offer.isEmpty()) {
            return;
        }
        final Offer o = offer.get();
        final int seq = ++nextSeq;
        final LocalDate expected = ctx.today().plusDays(o.leadTimeDays());
        pending.add(new Pending(seq, o.supplierId(), need, expected));
        final boolean dropShip = ctx.dropShipEnabled() && o.dropShip() && terms != null && terms.dropShipAllowed();
        out.add(new Decision.Request(new Requirement(sku, o.supplierId(), seq, need, o.minimumOrderQuantity(),
                o.packSize(), o.unitCost(), o.currency(), o.leadTimeDays(), dropShip, expected)));
    }

    /**
     * After demand disappeared: if the inventory position with our supply (available + outstanding -
     * waiting) is above the target level, take the surplus off requirements still in a batch, then
     * off lines the supplier has not acknowledged (newest first; a lowered line keeps the minimum and
     * the pack size, a line that would fall to zero is cancelled). Acknowledged lines stay: their
     * surplus becomes stock.
     */
    private void trimSurplus(final PlanContext ctx, final List<Decision> out) {
        if (!ctx.amendUnacknowledged() || terms == null) {
            return;
        }
        int surplus = available + outstanding() - waiting() - terms.targetLevel();
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
        final List<PoLine> newestFirst = lines.stream().filter(l -> !l.acknowledged() && l.received() == 0
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

    /** The supply the projection walks: available now, then inbound by date, then the chosen supplier's lead time. */
    public Supply supply(final PlanContext ctx) {
        final List<Supply.Inbound> inbound = new ArrayList<>();
        lines.forEach(l -> inbound.addAll(l.schedule()));
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
                inbound.add(new Supply.Inbound(pendingDate.get(supplier), units));
            }
        });
        inbound.sort(Comparator.comparing(Supply.Inbound::expected));
        int deficit = Math.max(0, -available);
        final List<Supply.Inbound> net = new ArrayList<>();
        for (final Supply.Inbound in : inbound) {
            final int cut = Math.min(deficit, in.quantity());
            deficit -= cut;
            if (in.quantity() - cut > 0) {
                net.add(new Supply.Inbound(in.expected(), in.quantity() - cut));
            }
        }
        final Optional<Offer> next = chosen(null, ctx);
        return new Supply(Math.max(0, available), net,
                next.map(o -> OptionalInt.of(o.leadTimeDays())).orElse(OptionalInt.empty()), handlingDays());
    }

    /** The projected date of each waiting backorder, in priority order. */
    public List<DateProjection.Projected> projection(final PlanContext ctx) {
        return new DateProjection(ctx.rule()).project(claims(), supply(ctx), ctx.today(), ctx.now());
    }

    private List<Claim> claims() {
        return backorders.values().stream().filter(b -> b.waiting() > 0).map(Backorder::claim).toList();
    }

    /** Re-projects every backorder; reports the dates that moved and the new-demand promise if it moved. */
    private void reproject(final Reason reason, final PlanContext ctx, final List<Decision> out) {
        final Supply supply = supply(ctx);
        final DateProjection projection = new DateProjection(ctx.rule());
        final List<Claim> claims = claims();
        for (final DateProjection.Projected p : projection.project(claims, supply, ctx.today(), ctx.now())) {
            if (p.date().isEmpty()) {
                continue;
            }
            final String key = Backorder.key(p.claim().orderId(), p.claim().lineId());
            final Backorder b = backorders.get(key);
            final LocalDate next = p.date().get();
            if (b.date() != null && !b.date().equals(next)) {
                out.add(new Decision.DateChanged(b.orderId(), b.lineId(), b.date(), next, reason));
            }
            backorders.put(key, b.withDate(next));
        }
        final Optional<LocalDate> earliest = projection.forNewDemand(claims, 1, supply, ctx.today(), ctx.now())
                .map(d -> d.minusDays(handlingDays()));
        if (earliest.isEmpty()) {
            if (promisedEarliest != null) {
                promisedEarliest = null;
                promisedSupplier = null;
                out.add(new Decision.PromiseWithdrawn());
            }
            return;
        }
        final Supply known = new Supply(supply.availableNow(), supply.inbound(), OptionalInt.empty(),
                supply.handlingDays());
        final boolean newOrder = projection.forNewDemand(claims, 1, known, ctx.today(), ctx.now()).isEmpty();
        final String supplier = chosen(null, ctx).map(Offer::supplierId).orElse(null);
        if (!earliest.get().equals(promisedEarliest) || !java.util.Objects.equals(supplier, promisedSupplier)
                || newOrder != promisedNewOrder) {
            promisedEarliest = earliest.get();
            promisedSupplier = supplier;
            promisedNewOrder = newOrder;
            out.add(new Decision.PromiseChanged(earliest.get(), supplier, newOrder));
        }
    }
}
