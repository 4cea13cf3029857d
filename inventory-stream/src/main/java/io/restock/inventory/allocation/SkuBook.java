package io.restock.inventory.allocation;

import io.restock.allocation.rules.Claim;
import io.restock.allocation.rules.DateProjection;
import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.PriorityRule;
import io.restock.allocation.rules.Supply;
import io.restock.schemas.deadletter.InvalidInputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One SKU's book: stock on hand, allocated and on order, the open lines (allocated or backordered),
 * the catalogue terms, supplier lead times and the latest promise. The single writer for the SKU
 * calls its operations; each returns what it decided as {@link Outcome}s and never throws for a
 * business outcome (it throws {@link InvalidInputException} for input it cannot apply, before
 * changing anything).
 *
 * <p>The book is split for speed: a small {@link Header} (position, terms, counters over the lines)
 * that the caller loads and stores whole, and the lines themselves in {@link SkuLines}, read and
 * written one at a time. Deciding an order line costs the same however many lines the SKU has: it
 * reads the header and that line, and writes them back. Only stock that can go to waiting lines (a
 * receipt, an adjustment, a release) reads the SKU's backorders, to rank them; a new backorder reads
 * them only when the {@link QueueTail} cannot tell that it joins at the back.
 *
 * <p>Rules (DOMAIN.md):
 * <ul>
 *   <li>1: available = onHand - allocated; a line takes what is available and the rest is backordered
 *       or rejected. Backorders exist only while nothing is available: any freed or arriving unit is
 *       offered to the queue at once, so available and backordered are never both positive.</li>
 *   <li>3, 4: the remainder is backordered only if the terms allow backorders and the line's own date
 *       is within min(SKU max wait or the default, the order's max wait). The date is the line's
 *       quantity at its own place in the queue, walked by {@link DateProjection} against the supply:
 *       units available, then the {@link SupplySchedule}'s inbound lines by date, then today plus the
 *       lead time of the supplier new demand would go to; plus handling days. Joining at the back (the
 *       {@link QueueTail} says so) it is O(inbound lines): the units ahead are the header's backordered
 *       total; otherwise every waiting line is re-projected. No supply at all: {@code NOT_BACKORDERABLE}.
 *       While the schedule names no next supplier but a supplier this book knows an offer of was not weighed
 *       by it ({@link SupplySchedule#weighed()}: "not yet"), or before any schedule, the shortest such lead
 *       time stands for the next order; a schedule that weighed every known offer and names none means
 *       "none" ({@code NOT_BACKORDERABLE}).</li>
 *   <li>8 (drop-ship): when the schedule's next supplier drop-ships, a line's remainder is not queued: it is
 *       routed to that supplier ({@link Outcome.DropShipRequested}), dated today + its lead time (the supplier
 *       delivers to the customer: no handling days) and checked against the maximum wait by the same quote;
 *       it is never on hand, never backordered, never served by receipts. The schedule's drop-ship lines
 *       re-date it (the supplier's promise), ship it ({@link Outcome.DropShipped}) or, rejected, put it in the
 *       queue (re-projected like any waiting line). A receipt against a drop-ship purchase-order line is
 *       refused ({@code RECEIPT_AGAINST_DROP_SHIP_LINE}).
 *       Unknown SKU (no terms): the whole line is rejected {@code UNKNOWN_SKU}.</li>
 *   <li>9: a new schedule, a cancellation, a fill, a release, an adjustment and a new backorder that
 *       does not join at the back re-project every waiting line; a line whose date moved gets a
 *       {@link Outcome.DateChanged}. A filled line leaves the queue first and is never re-dated.</li>
 *   <li>5: the queue is ranked by the {@link PriorityRule} at the operation's {@code now}.</li>
 *   <li>6: cancelling releases allocated units (then offered to the queue) and drops backordered units.
 *       A partly shipped line gives up only what has not shipped.
 *       A shipment is a physical fact: it is accepted up to the line's open units and on hand; units beyond the
 *       line's allocation ship from its backorder and come off on hand, where the lowest-priority holders give back
 *       what on hand no longer covers ({@link #ship}, {@link #shipWithdrawn}).</li>
 *   <li>7: {@code onOrder} is not a running sum: it is the schedule's on-order, less what this book
 *       received against its lines before the schedule counted it, plus the shortfalls raised and not
 *       yet in a schedule ({@code sequence > appliedThrough}). After every change, if the inventory
 *       position is at or below the reorder point, a shortfall of {@code targetLevel - position} is
 *       raised with the next sequence; so surplus the supplier side cancels, receipts with or without
 *       a purchase-order id, all come off on-order by construction.</li>
 * </ul>
 */
public final class SkuBook {

    /**
     * What the book keeps besides its lines.
     *
     * @param backordered         units backordered over all lines
     * @param openLines           lines in {@link SkuLines}
     * @param backorderedLines    lines with units backordered
     * @param promisedDates       backordered lines per promised date
     * @param queueTail           the bound on the queue's back, or null
     * @param movementsRemembered movement ids remembered so far (the next one's sequence number)
     * @param supply              the schedule last published by backorder-processor, or null (none yet)
     * @param receivedLocally     units received here per inbound line key ({@link InboundLine#key()})
     * @param uncovered           shortfalls raised and not yet in a schedule: sequence -> units
     * @param shortfallSequence   the last shortfall sequence raised
     */
    public record Header(String sku, SkuTerms terms, int onHand, int allocated, int onOrder, int backordered,
                         int openLines, int backorderedLines, Map<LocalDate, Integer> promisedDates,
                         Map<String, Integer> leadTimes, QueueTail queueTail, long movementsRemembered,
                         SupplySchedule supply, Map<String, Integer> receivedLocally, Map<Long, Integer> uncovered,
                         long shortfallSequence) {

        public Header {
            Objects.requireNonNull(sku, "sku");
            promisedDates = Map.copyOf(promisedDates);
            leadTimes = Map.copyOf(leadTimes);
            receivedLocally = Map.copyOf(receivedLocally);
            uncovered = Map.copyOf(uncovered);
        }

        public static Header empty(final String sku) {
            return new Header(sku, null, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), null, 0, null, Map.of(), Map.of(), 0);
        }
    }

    private final String sku;
    private final SkuLines lines;
    private final MovementIds movementIds;
    private SkuTerms terms;
    private int onHand;
    private int allocated;
    private int onOrder;
    private int backordered;
    private int openLines;
    private int backorderedLines;
    private final TreeMap<LocalDate, Integer> promisedDates;
    private final TreeMap<String, Integer> leadTimes;
    private QueueTail queueTail;
    private long movementsRemembered;
    private SupplySchedule supply;
    private final TreeMap<String, Integer> receivedLocally;
    private final TreeMap<Long, Integer> uncovered;
    private long shortfallSequence;

    public SkuBook(final Header header, final SkuLines lines, final MovementIds movementIds) {
        this.sku = header.sku();
        this.lines = Objects.requireNonNull(lines, "lines");
        this.movementIds = Objects.requireNonNull(movementIds, "movementIds");
        this.terms = header.terms();
        this.onHand = header.onHand();
        this.allocated = header.allocated();
        this.onOrder = header.onOrder();
        this.backordered = header.backordered();
        this.openLines = header.openLines();
        this.backorderedLines = header.backorderedLines();
        this.promisedDates = new TreeMap<>(header.promisedDates());
        this.leadTimes = new TreeMap<>(header.leadTimes());
        this.queueTail = header.queueTail();
        this.movementsRemembered = header.movementsRemembered();
        this.supply = header.supply();
        this.receivedLocally = new TreeMap<>(header.receivedLocally());
        this.uncovered = new TreeMap<>(header.uncovered());
        this.shortfallSequence = header.shortfallSequence();
    }

    // ---- reads

    /** The book's state besides its lines, to store. */
    public Header header() {
        return new Header(sku, terms, onHand, allocated, onOrder, backordered, openLines, backorderedLines,
                promisedDates, leadTimes, queueTail, movementsRemembered, supply, receivedLocally, uncovered,
                shortfallSequence);
    }

    public String sku() {
        return sku;
    }

    public Optional<SkuTerms> terms() {
        return Optional.ofNullable(terms);
    }

    public int onHand() {
        return onHand;
    }

    public int allocated() {
        return allocated;
    }

    public int onOrder() {
        return onOrder;
    }

    public int backordered() {
        return backordered;
    }

    public Map<String, Integer> leadTimes() {
        return Map.copyOf(leadTimes);
    }

    public Optional<SupplySchedule> supply() {
        return Optional.ofNullable(supply);
    }

    public Level level() {
        return new Level(onHand, allocated, backordered, onOrder);
    }

    /** The backordered lines in the order they would be served at {@code now}. */
    public List<BookLine> queue(final PriorityRule rule, final Instant now) {
        final Comparator<Claim> order = rule.order(now);
        return lines.backordered().stream().sorted((a, b) -> order.compare(a.claim(), b.claim())).toList();
    }

    /** Nothing worth keeping: no terms, stock, lines, offers, promise or remembered movement. */
    public boolean isBlank() {
        return terms == null && onHand == 0 && allocated == 0 && onOrder == 0 && leadTimes.isEmpty()
                && supply == null && openLines == 0 && movementsRemembered == 0 && uncovered.isEmpty()
                && shortfallSequence == 0;
    }

    // ---- movement de-duplication

    /** Whether a warehouse movement with this id was applied already (among the last remembered). */
    public boolean hasApplied(final String movementId) {
        return movementIds.contains(movementId);
    }

    /** Remembers an applied movement id, forgetting the oldest beyond {@code bound}. */
    public void remember(final String movementId, final int bound) {
        movementIds.remember(movementId, movementsRemembered++, bound);
    }

    // ---- operations

    /** A line asks for units (rule 1, with acceptance rules 3 and 4 for the remainder). */
    public List<Outcome> allocate(final LineRequest request, final Context context) {
        final List<Outcome> outcomes = new ArrayList<>();
        if (terms == null) {
            outcomes.add(new Outcome.Rejected(request.orderId(), request.lineId(), request.quantity(),
                    Outcome.Reason.UNKNOWN_SKU, "no policy for SKU " + sku, List.of()));
            return outcomes;
        }
        if (request.quantity() <= 0) {
            outcomes.add(new Outcome.Rejected(request.orderId(), request.lineId(), request.quantity(),
                    Outcome.Reason.INVALID_QUANTITY, "quantity must be positive", List.of()));
            return outcomes;
        }
        if (lines.get(request.orderId(), request.lineId()).isPresent()) {
            outcomes.add(new Outcome.Rejected(request.orderId(), request.lineId(), request.quantity(),
                    Outcome.Reason.DUPLICATE_LINE, "line already on the book", List.of()));
            return outcomes;
        }
        final int take = Math.min(request.quantity(), Math.max(0, onHand - allocated));
        final int remainder = request.quantity() - take;
        final BookLine line = new BookLine(request.orderId(), request.lineId(), request.placedAt(), request.tierRank(),
                request.unitPrice().multiply(BigDecimal.valueOf(request.quantity())), request.quantity(), take, 0, 0,
                null);
        if (take > 0) {
            allocated += take;
            outcomes.add(new Outcome.Allocated(request.orderId(), request.lineId(), take, request.quantity()));
        }
        if (remainder > 0) {
            final Quote quote = quote(line.claim().withQuantity(remainder), request.maxWaitDays(), context);
            if (quote.date() != null && quote.dropShipSupplier() != null) {
                line.routeDropShip(remainder, quote.date(), quote.dropShipSupplier());
                outcomes.add(new Outcome.Backordered(request.orderId(), request.lineId(), remainder, request.quantity(),
                        0, quote.date(), request.placedAt(), line.tierRank(), line.lineValue(),
                        quote.dropShipSupplier()));
                outcomes.add(new Outcome.DropShipRequested(request.orderId(), request.lineId(), remainder,
                        quote.dropShipSupplier(), quote.date()));
            } else if (quote.date() != null) {
                line.backorder(remainder, quote.date());
                // Not at the back: the quote read the waiting lines once; ranking and re-dating use that read.
                final int position = quote.atBack() ? joinQueue(line.claim(), context, true)
                        : joinQueue(line.claim(), context, quote.waiting());
                backordered += remainder;
                backorderedLines++;
                promisedDates.merge(quote.date(), 1, Integer::sum);
                outcomes.add(new Outcome.Backordered(request.orderId(), request.lineId(), remainder, request.quantity(),
                        position, quote.date(), request.placedAt(), line.tierRank(), line.lineValue()));
                if (!quote.atBack()) {
                    final List<BookLine> waiting = new ArrayList<>(quote.waiting());
                    waiting.add(line);
                    reproject(context, Outcome.ChangeReason.PRIORITY_CHANGED, outcomes, waiting);
                }
            } else {
                outcomes.add(new Outcome.Rejected(request.orderId(), request.lineId(), remainder, quote.reason(),
                        quote.detail(), substitutes(context.stock())));
            }
        }
        if (line.isOpen()) {
            lines.put(line);
            openLines++;
        }
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * What a line of {@code quantity} units placed now would get, without changing the book: the
     * units available now, and for the rest the date or the reason it would be rejected. The same
     * computation {@link #allocate} accepts backorders with (the availability quote).
     */
    public Availability availability(final int quantity, final Integer maxWaitDays, final Context context) {
        return availability(quantity, maxWaitDays, 0, BigDecimal.ZERO, context);
    }

    /**
     * {@link #availability(int, Integer, Context)} for a customer of tier {@code tierRank} paying {@code unitPrice}
     * a unit: what the WEIGHTED rule ranks the line by (FIFO ranks a line placed now last whatever they are).
     */
    public Availability availability(final int quantity, final Integer maxWaitDays, final int tierRank,
                                     final BigDecimal unitPrice, final Context context) {
        if (terms == null) {
            return new Availability(0, 0, null, Outcome.Reason.UNKNOWN_SKU, "no policy for SKU " + sku, List.of());
        }
        final int take = Math.min(quantity, Math.max(0, onHand - allocated));
        if (take == quantity) {
            return new Availability(take, 0, null, null, null, List.of());
        }
        final Claim probe = new Claim("\uffff-quote", "\uffff", context.now(), tierRank,
                unitPrice.multiply(BigDecimal.valueOf(quantity)), quantity - take);
        // As in allocate: the units taken now are allocated before the rest is dated, so they serve no one else.
        final Quote quote;
        allocated += take;
        try {
            quote = quote(probe, maxWaitDays, context);
        } finally {
            allocated -= take;
        }
        if (quote.date() == null) {
            return new Availability(take, quantity - take, null, quote.reason(), quote.detail(),
                    substitutes(context.stock()));
        }
        return new Availability(take, quantity - take, quote.date(), null, null, List.of());
    }

    /**
     * What {@link #availability} answers.
     *
     * @param inStock     units available now
     * @param backordered units that would wait (0 when all are in stock)
     * @param date        the date the waiting units would get, or null when they would be rejected
     * @param reason      why they would be rejected, or null
     */
    public record Availability(int inStock, int backordered, LocalDate date, Outcome.Reason reason, String detail,
                               List<Outcome.Substitute> substitutes) {
    }

    /**
     * The customer cancels a line (rule 6): whatever of it has not shipped, so the waiting remainder of a line
     * whose allocated part already shipped can still be cancelled. Unknown or closed lines: nothing to do.
     */
    public List<Outcome> cancel(final String orderId, final String lineId, final Context context) {
        final List<Outcome> outcomes = new ArrayList<>();
        final Optional<BookLine> found = lines.get(orderId, lineId);
        if (found.isEmpty()) {
            return outcomes;
        }
        final BookLine line = found.get();
        if (line.allocated() > 0) {
            allocated -= line.allocated();
            outcomes.add(new Outcome.Released(orderId, lineId, line.allocated()));
        }
        if (line.backordered() > 0) {
            outcomes.add(new Outcome.BackorderCancelled(orderId, lineId, line.backordered()));
            leaveQueue(line);
            backordered -= line.backordered();
        }
        if (line.dropShip() > 0) {
            outcomes.add(new Outcome.BackorderCancelled(orderId, lineId, line.dropShip()));
        }
        line.close();
        lines.remove(line);
        openLines--;
        fillBackorders(context, outcomes);
        reproject(context, Outcome.ChangeReason.CANCELLATION, outcomes);
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /** Goods arrived without a purchase-order id: matched to the open inbound lines, earliest first. */
    public List<Outcome> receive(final int quantity, final boolean againstPurchaseOrder, final Context context) {
        return receive(quantity, null, null, context);
    }

    /**
     * Goods arrived. Against a purchase-order line they count as received on it here until the
     * schedule counts them; without one they are matched to the open inbound lines earliest expected
     * first ({@link InboundLine#matchReceipt}), the rule backorder-processor applies too.
     */
    public List<Outcome> receive(final int quantity, final String purchaseOrderId, final String purchaseOrderLineId,
                                 final Context context) {
        if (quantity <= 0) {
            throw new InvalidInputException("INVALID_QUANTITY", "received quantity must be positive: " + quantity);
        }
        if (purchaseOrderId != null && supply != null && supply.isDropShipLine(purchaseOrderId, purchaseOrderLineId)) {
            throw new InvalidInputException("RECEIPT_AGAINST_DROP_SHIP_LINE", "purchase-order line " + purchaseOrderId
                    + "/" + purchaseOrderLineId + " of " + sku + " is drop-shipped: the supplier ships it to the"
                    + " customer, it is never received here");
        }
        final List<Outcome> outcomes = new ArrayList<>();
        onHand += quantity;
        if (purchaseOrderId != null) {
            receivedLocally.merge(InboundLine.key(purchaseOrderId, purchaseOrderLineId), quantity, Integer::sum);
        } else if (supply != null) {
            InboundLine.matchReceipt(supply.lines(), receivedLocally, quantity)
                    .forEach((key, units) -> receivedLocally.merge(key, units, Integer::sum));
        }
        recountOnOrder();
        fillBackorders(context, outcomes);
        reproject(context, purchaseOrderId != null && remainingOf(purchaseOrderId, purchaseOrderLineId) > 0
                ? Outcome.ChangeReason.PARTIAL_DELIVERY : Outcome.ChangeReason.STOCK_RECEIVED, outcomes);
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * A count, damage or loss corrected on-hand. A removal may take at most the available units:
     * allocated units are promised to lines, so a larger removal is refused (dead-lettered for an
     * operator, who cancels lines first).
     */
    public List<Outcome> adjust(final int delta, final Context context) {
        if (delta == 0) {
            throw new InvalidInputException("INVALID_QUANTITY", "adjustment of zero units");
        }
        if (delta < 0 && -delta > onHand - allocated) {
            throw new InvalidInputException("ADJUSTMENT_EXCEEDS_AVAILABLE",
                    "cannot remove " + -delta + " units of " + sku + ", only " + (onHand - allocated) + " available");
        }
        final List<Outcome> outcomes = new ArrayList<>();
        onHand += delta;
        fillBackorders(context, outcomes);
        reproject(context, Outcome.ChangeReason.REPLANNED, outcomes);
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * The warehouse shipped units of an open line. Its allocated units ship as they are (they leave on-hand and
     * allocated). Units beyond them ship from the line's backordered remainder: the customer got them, so the line
     * waits for fewer ({@link Outcome.ShippedFromBackorder}), and they come off on-hand like any unit that left the
     * building ({@link #takeOffOnHand}: when what is left no longer covers the other lines' allocations, the
     * lowest-priority holders give units back). The usual cause is a race: the line's allocated units were taken back
     * (returned to backorder, its shipment request revoked) after the warehouse had picked them. Refused (nothing
     * changes): more than the line's open quantity (allocated + backordered, {@code SHIPMENT_EXCEEDS_LINE}), more
     * than on hand ({@code SHIPMENT_EXCEEDS_ON_HAND}: this book's count is wrong, an operator corrects it first), an
     * unknown line, a quantity that is not positive.
     */
    public List<Outcome> ship(final String orderId, final String lineId, final int quantity, final Context context) {
        if (quantity <= 0) {
            throw new InvalidInputException("INVALID_QUANTITY", "shipped quantity must be positive: " + quantity);
        }
        final BookLine line = lines.get(orderId, lineId).orElseThrow(() -> new InvalidInputException("UNKNOWN_LINE",
                "no open line " + orderId + "/" + lineId + " on SKU " + sku));
        if (quantity > line.allocated() + line.backordered()) {
            throw new InvalidInputException("SHIPMENT_EXCEEDS_LINE", "line " + orderId + "/" + lineId + " has "
                    + line.allocated() + " units allocated and " + line.backordered() + " backordered, " + quantity
                    + " shipped");
        }
        if (quantity > onHand) {
            throw new InvalidInputException("SHIPMENT_EXCEEDS_ON_HAND", "cannot ship " + quantity + " units of "
                    + sku + " for line " + orderId + "/" + lineId + ", only " + onHand + " on hand");
        }
        final int fromAllocated = Math.min(quantity, line.allocated());
        final int fromBackorder = quantity - fromAllocated;
        line.ship(fromAllocated);
        onHand -= fromAllocated;
        allocated -= fromAllocated;
        final List<Outcome> outcomes = new ArrayList<>();
        if (fromBackorder > 0) {
            line.shipBackordered(fromBackorder);
            backordered -= fromBackorder;
            if (line.backordered() == 0) {
                leaveQueue(line);
            }
            outcomes.add(new Outcome.ShippedFromBackorder(orderId, lineId, fromBackorder, line.backordered()));
        }
        if (line.isOpen()) {
            lines.put(line);
        } else {
            lines.remove(line);
            openLines--;
        }
        if (fromBackorder > 0) {
            takeOffOnHand(fromBackorder, context, outcomes);
            // The queue changed (this line waits for fewer, holders may have joined it): every waiting line's date.
            reproject(context, Outcome.ChangeReason.REPLANNED, outcomes);
        }
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * The warehouse shipped units of a line that was cancelled after its shipment request (it shipped
     * before it heard of the withdrawal). The units physically left: they come off on-hand
     * ({@link #takeOffOnHand}).
     */
    public List<Outcome> shipWithdrawn(final int quantity, final Context context) {
        if (quantity <= 0) {
            throw new InvalidInputException("INVALID_QUANTITY", "shipped quantity must be positive: " + quantity);
        }
        if (quantity > onHand) {
            throw new InvalidInputException("SHIPMENT_EXCEEDS_ON_HAND", "cannot ship " + quantity + " units of "
                    + sku + ", only " + onHand + " on hand");
        }
        final List<Outcome> outcomes = new ArrayList<>();
        takeOffOnHand(quantity, context, outcomes);
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * {@code units} (at most on hand) left the building without an allocation of theirs: they come off on-hand, from
     * the available units first. If the stock left does not cover what is allocated, the lines holding allocated
     * units give the difference back, lowest priority first, and those units are backordered again
     * ({@link Outcome.Backordered} with the units returned; the date as at acceptance, or the line's standing date
     * if it was still partly waiting, or today plus handling days when nothing can be projected).
     */
    private void takeOffOnHand(final int units, final Context context, final List<Outcome> outcomes) {
        onHand -= units;
        int uncovered = allocated - onHand;
        if (uncovered > 0) {
            final Comparator<Claim> order = context.rule().order(context.now());
            final List<BookLine> holders = new ArrayList<>(lines.withAllocated());
            holders.sort((a, b) -> order.compare(b.claim(), a.claim()));
            for (final BookLine line : holders) {
                if (uncovered == 0) {
                    break;
                }
                final int back = Math.min(uncovered, line.allocated());
                final boolean wasWaiting = line.backordered() > 0;
                final Quote quote = wasWaiting || terms == null ? null
                        : quote(line.claim().withQuantity(back), null, context);
                final LocalDate date = wasWaiting ? line.promisedDate()
                        : quote != null && quote.date() != null ? quote.date()
                        : context.today().plusDays(terms == null ? 0 : terms.handlingDays());
                line.unfill(back, date);
                allocated -= back;
                backordered += back;
                uncovered -= back;
                int position = 0;
                if (!wasWaiting) {
                    position = joinQueue(line.claim(), context, quote != null && quote.atBack());
                    backorderedLines++;
                    promisedDates.merge(date, 1, Integer::sum);
                } else {
                    queueTail = null;
                }
                lines.put(line);
                outcomes.add(new Outcome.Backordered(line.orderId(), line.lineId(), back, line.ordered(), position,
                        line.promisedDate(), line.placedAt(), line.tierRank(), line.lineValue()));
            }
        }
    }

    /** New catalogue terms (or none: the SKU is withdrawn and new lines are rejected as unknown). */
    public List<Outcome> changeTerms(final SkuTerms newTerms, final Context context) {
        this.terms = newTerms;
        final List<Outcome> outcomes = new ArrayList<>();
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * A supplier's lead time for this SKU; null when the offer was withdrawn or is inactive. Used only
     * while no schedule names the next supplier and the schedule has not weighed this supplier's offer.
     */
    public void changeLeadTime(final String supplierId, final Integer leadTimeDays) {
        if (leadTimeDays == null) {
            leadTimes.remove(supplierId);
        } else {
            leadTimes.put(supplierId, leadTimeDays);
        }
    }

    /**
     * backorder-processor published the SKU's supply (null: withdrawn). Shortfalls it has netted stop
     * counting here, lines it closed forget their local receipts; every waiting line is re-projected
     * and the reorder point re-checked.
     */
    public List<Outcome> changeSupply(final SupplySchedule schedule, final Outcome.ChangeReason reason,
                                      final Context context) {
        this.supply = schedule;
        if (schedule != null) {
            uncovered.headMap(schedule.appliedThrough(), true).clear();
            final java.util.Set<String> open = new java.util.HashSet<>();
            schedule.lines().forEach(l -> open.add(l.key()));
            receivedLocally.keySet().retainAll(open);
        } else {
            receivedLocally.clear();
        }
        recountOnOrder();
        final List<Outcome> outcomes = new ArrayList<>();
        if (schedule != null) {
            applyDropShips(schedule, reason, context, outcomes);
        }
        reproject(context, reason, outcomes);
        raiseShortfallIfDue(context, outcomes);
        return outcomes;
    }

    /**
     * The schedule's drop-ship lines applied to this book's drop-ship lines: a moved date is a
     * {@link Outcome.DateChanged}, a shipped line is {@link Outcome.DropShipped} (on-hand untouched), a rejected
     * one joins the queue with its date as it stood (the re-projection that follows dates it). Entries for lines
     * no longer drop-shipped here (cancelled, already applied) change nothing.
     */
    private void applyDropShips(final SupplySchedule schedule, final Outcome.ChangeReason reason,
                                final Context context, final List<Outcome> outcomes) {
        for (final SupplySchedule.DropShip d : schedule.dropShips()) {
            final Optional<BookLine> found = lines.get(d.orderId(), d.lineId());
            if (found.isEmpty() || found.get().dropShip() == 0) {
                continue;
            }
            final BookLine line = found.get();
            switch (d.status()) {
                case ORDERED -> {
                    if (!d.expected().equals(line.promisedDate())) {
                        outcomes.add(new Outcome.DateChanged(line.orderId(), line.lineId(), line.promisedDate(),
                                d.expected(), reason));
                        line.repromise(d.expected());
                        lines.put(line);
                    }
                }
                case SHIPPED -> {
                    outcomes.add(new Outcome.DropShipped(line.orderId(), line.lineId(), line.dropShip(),
                            d.supplierId(), d.purchaseOrderId()));
                    line.dropShipped();
                    if (line.isOpen()) {
                        lines.put(line);
                    } else {
                        lines.remove(line);
                        openLines--;
                    }
                }
                case REJECTED -> {
                    final int units = line.dropShip();
                    line.requeueDropShip();
                    joinQueue(line.claim(), context, false);
                    backordered += units;
                    backorderedLines++;
                    if (line.promisedDate() != null) {
                        promisedDates.merge(line.promisedDate(), 1, Integer::sum);
                    }
                    lines.put(line);
                }
            }
        }
    }

    /** Every waiting line's current date, in queue order (the read). */
    public List<DateProjection.Projected> projection(final Context context) {
        final List<Claim> claims = lines.backordered().stream().map(BookLine::claim).toList();
        return new DateProjection(context.rule()).project(claims, supplyFor(context), context.today(), context.now());
    }

    // ---- internals

    /**
     * @param waiting the SKU's backordered lines as read to date a claim that does not join at the back (so the
     *                caller need not read them again); empty otherwise
     */
    private record Quote(LocalDate date, boolean atBack, Outcome.Reason reason, String detail,
                         String dropShipSupplier, List<BookLine> waiting) {

        Quote(final LocalDate date, final boolean atBack, final Outcome.Reason reason, final String detail) {
            this(date, atBack, reason, detail, null, List.of());
        }

        Quote(final LocalDate date, final boolean atBack, final Outcome.Reason reason, final String detail,
              final String dropShipSupplier) {
            this(date, atBack, reason, detail, dropShipSupplier, List.of());
        }
    }

    /**
     * The date {@code claim} would get at its own place in the queue, checked against the maximum
     * wait: one code path for acceptance and the availability quote.
     */
    private Quote quote(final Claim claim, final Integer orderMaxWaitDays, final Context context) {
        if (!terms.backorderable()) {
            return new Quote(null, false, Outcome.Reason.NOT_BACKORDERABLE, "SKU " + sku + " is not backorderable");
        }
        final LocalDate today = context.today();
        if (supply != null && supply.nextDropShips() && supply.nextSupplierId() != null
                && supply.nextLeadTimeDays() != null) {
            final LocalDate date = today.plusDays(supply.nextLeadTimeDays());
            final int limit = maxWait(orderMaxWaitDays, context);
            if (date.isAfter(today.plusDays(limit))) {
                return new Quote(null, false, Outcome.Reason.WAIT_TOO_LONG,
                        "drop-ship date " + date + " is beyond the " + limit + "-day limit");
            }
            return new Quote(date, false, null, null, supply.nextSupplierId());
        }
        final Supply available = supplyFor(context);
        final boolean atBack = backorderedLines == 0
                || queueTail != null && queueTail.ranksLast(claim, context.rule(), context.now());
        final Optional<LocalDate> projected;
        final List<BookLine> waiting;
        if (atBack) {
            waiting = List.of();
            projected = DateProjection.behind(backordered, claim.quantity(), available, today);
        } else {
            waiting = lines.backordered();
            final List<Claim> claims = new ArrayList<>(waiting.size() + 1);
            waiting.forEach(l -> claims.add(l.claim()));
            claims.add(claim);
            projected = new DateProjection(context.rule()).datesByLine(claims, available, today, context.now())
                    .get(claim.orderId() + "/" + claim.lineId());
        }
        if (projected == null || projected.isEmpty()) {
            return new Quote(null, atBack, Outcome.Reason.NOT_BACKORDERABLE,
                    "no stock, inbound supply or supplier for SKU " + sku);
        }
        final int limit = maxWait(orderMaxWaitDays, context);
        if (projected.get().isAfter(today.plusDays(limit))) {
            return new Quote(null, atBack, Outcome.Reason.WAIT_TOO_LONG,
                    "projected " + projected.get() + " is beyond the " + limit + "-day limit");
        }
        return new Quote(projected.get(), atBack, null, null, null, waiting);
    }

    /** min(the SKU's maximum wait or the default, the order's). */
    private int maxWait(final Integer orderMaxWaitDays, final Context context) {
        final int limit = terms.maxWaitDays() != null ? terms.maxWaitDays() : context.defaultMaxWaitDays();
        return orderMaxWaitDays != null ? Math.min(limit, orderMaxWaitDays) : limit;
    }

    /** What the queue can be served from: available units, inbound by date, then the next supplier. */
    private Supply supplyFor(final Context context) {
        final List<Supply.Inbound> inbound = new ArrayList<>();
        OptionalInt lead = OptionalInt.empty();
        if (supply != null) {
            for (final InboundLine l : supply.lines()) {
                inbound.addAll(l.schedule(receivedLocally.getOrDefault(l.key(), 0)));
            }
            if (supply.nextLeadTimeDays() != null) {
                lead = OptionalInt.of(supply.nextLeadTimeDays());
            } else if (supply.weighed() != null) {
                for (final Map.Entry<String, Integer> offer : leadTimes.entrySet()) {
                    if (!supply.weighed().contains(offer.getKey())
                            && (lead.isEmpty() || offer.getValue() < lead.getAsInt())) {
                        lead = OptionalInt.of(offer.getValue());
                    }
                }
            }
        } else {
            for (final int days : leadTimes.values()) {
                lead = lead.isEmpty() || days < lead.getAsInt() ? OptionalInt.of(days) : lead;
            }
        }
        return new Supply(Math.max(0, onHand - allocated), inbound, lead, terms == null ? 0 : terms.handlingDays());
    }

    /** Units still to come on one purchase-order line, as this book counts them. */
    private int remainingOf(final String purchaseOrderId, final String lineId) {
        if (supply == null) {
            return 0;
        }
        final String key = InboundLine.key(purchaseOrderId, lineId);
        return supply.lines().stream().filter(l -> l.key().equals(key))
                .mapToInt(l -> l.remaining(receivedLocally.getOrDefault(key, 0))).sum();
    }

    /**
     * on order = the schedule's on-order, less the units received here it has not counted yet, plus the
     * shortfalls it does not include yet.
     */
    private void recountOnOrder() {
        int units = uncovered.values().stream().mapToInt(Integer::intValue).sum();
        if (supply != null) {
            int notYetCounted = 0;
            for (final InboundLine l : supply.lines()) {
                notYetCounted += l.remaining(0) - l.remaining(receivedLocally.getOrDefault(l.key(), 0));
            }
            units += Math.max(0, supply.onOrder() - notYetCounted);
        }
        onOrder = units;
    }

    /**
     * Re-projects every waiting line against the current supply; a line whose date moved gets it and
     * an {@link Outcome.DateChanged}. Lines no supply covers keep their date.
     */
    private void reproject(final Context context, final Outcome.ChangeReason reason, final List<Outcome> outcomes) {
        if (backorderedLines == 0 || terms == null) {
            return;
        }
        reproject(context, reason, outcomes, lines.backordered());
    }

    /** {@link #reproject(Context, Outcome.ChangeReason, List)} over {@code waiting}, the SKU's backordered lines now. */
    private void reproject(final Context context, final Outcome.ChangeReason reason, final List<Outcome> outcomes,
                           final List<BookLine> waiting) {
        if (backorderedLines == 0 || terms == null) {
            return;
        }
        final Map<String, BookLine> byKey = new HashMap<>();
        final List<Claim> claims = new ArrayList<>(backorderedLines);
        for (final BookLine l : waiting) {
            byKey.put(l.orderId() + "/" + l.lineId(), l);
            claims.add(l.claim());
        }
        for (final DateProjection.Projected p : new DateProjection(context.rule())
                .project(claims, supplyFor(context), context.today(), context.now())) {
            if (p.date().isEmpty()) {
                continue;
            }
            final BookLine line = byKey.get(p.claim().orderId() + "/" + p.claim().lineId());
            final LocalDate next = p.date().get();
            final LocalDate previous = line.promisedDate();
            if (next.equals(previous)) {
                continue;
            }
            if (previous != null) {
                promisedDates.computeIfPresent(previous, (d, n) -> n > 1 ? n - 1 : null);
                outcomes.add(new Outcome.DateChanged(line.orderId(), line.lineId(), previous, next, reason));
            }
            promisedDates.merge(next, 1, Integer::sum);
            line.repromise(next);
            lines.put(line);
        }
    }

    /**
     * The queue position (1 = served first) a new backorder takes at {@code now}, and the tail bound
     * updated. O(1) when it joins at the back, else the SKU's backorders are ranked.
     */
    private int joinQueue(final Claim claim, final Context context, final boolean atBack) {
        final PriorityRule rule = context.rule();
        final Instant now = context.now();
        if (backorderedLines == 0) {
            queueTail = QueueTail.over(List.of(claim), rule, now);
            return 1;
        }
        if (atBack) {
            queueTail = queueTail.with(claim, rule, now);
            return backorderedLines + 1;
        }
        return joinQueue(claim, context, lines.backordered());
    }

    /** {@link #joinQueue(Claim, Context, boolean)} for a claim not known to rank last, {@code backorders} read already. */
    private int joinQueue(final Claim claim, final Context context, final List<BookLine> backorders) {
        final PriorityRule rule = context.rule();
        final Instant now = context.now();
        if (backorderedLines == 0) {
            queueTail = QueueTail.over(List.of(claim), rule, now);
            return 1;
        }
        final Comparator<Claim> order = rule.order(now);
        final List<Claim> waiting = new ArrayList<>(backorderedLines + 1);
        int ahead = 0;
        for (final BookLine other : backorders) {
            final Claim c = other.claim();
            waiting.add(c);
            if (order.compare(c, claim) < 0) {
                ahead++;
            }
        }
        waiting.add(claim);
        queueTail = QueueTail.over(waiting, rule, now);
        return ahead + 1;
    }

    /** A line's backordered units leave the queue (filled or cancelled): the counters follow. */
    private void leaveQueue(final BookLine line) {
        backorderedLines--;
        if (line.promisedDate() != null) {
            promisedDates.computeIfPresent(line.promisedDate(), (d, n) -> n > 1 ? n - 1 : null);
        }
        if (backorderedLines == 0) {
            queueTail = null;
        }
    }

    private List<Outcome.Substitute> substitutes(final StockLookup stock) {
        final List<Outcome.Substitute> offered = new ArrayList<>();
        for (final String candidate : terms.substitutes()) {
            if (offered.size() == 3) {
                break;
            }
            if (candidate.equals(sku) || offered.stream().anyMatch(s -> s.sku().equals(candidate))) {
                continue;
            }
            final int available = stock.available(candidate);
            if (available > 0) {
                offered.add(new Outcome.Substitute(candidate, available));
            }
        }
        return offered;
    }

    /** Offers whatever is available to the queue, in priority order (rule 5). */
    private void fillBackorders(final Context context, final List<Outcome> outcomes) {
        int available = onHand - allocated;
        if (available <= 0 || backorderedLines == 0) {
            return;
        }
        for (final BookLine line : queue(context.rule(), context.now())) {
            if (available == 0) {
                break;
            }
            final int give = Math.min(available, line.backordered());
            line.fill(give);
            allocated += give;
            backordered -= give;
            available -= give;
            if (line.backordered() == 0) {
                leaveQueue(line);
            }
            lines.put(line);
            outcomes.add(new Outcome.BackorderFilled(line.orderId(), line.lineId(), give, line.backordered()));
        }
    }

    private void raiseShortfallIfDue(final Context context, final List<Outcome> outcomes) {
        if (terms == null) {
            return;
        }
        recountOnOrder();
        final int position = level().inventoryPosition();
        final int needed = terms.targetLevel() - position;
        if (position > terms.reorderPoint() || needed <= 0) {
            return;
        }
        final LocalDate needBy = promisedDates.isEmpty() ? null : promisedDates.firstKey();
        final long sequence = ++shortfallSequence;
        uncovered.put(sequence, needed);
        onOrder += needed;
        outcomes.add(new Outcome.ShortfallRaised(needed, backordered > 0, position, terms.reorderPoint(),
                terms.targetLevel(), needBy, sequence));
    }

    /**
     * What an operation needs besides the book: the priority rule, the time of the record being
     * processed ({@code now}, never the wall clock) and the day it falls on, the shop-wide maximum
     * wait, and other SKUs' stock for substitutes.
     */
    public record Context(PriorityRule rule, Instant now, ZoneId zone, int defaultMaxWaitDays, StockLookup stock) {

        public LocalDate today() {
            return LocalDate.ofInstant(now, zone);
        }
    }
}
