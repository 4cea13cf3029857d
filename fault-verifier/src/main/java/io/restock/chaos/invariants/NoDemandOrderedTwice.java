package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * No demand ordered twice (DOMAIN.md rules 7 and 8), replayed from the shortfalls and the purchase orders:
 * <ul>
 *   <li>each SKU's shortfall sequence number is raised once, each purchase-order line issued once;</li>
 *   <li>rule 8's rounding, exactly: every stock line's quantity is what {@code round(q, minimum, pack)} gives for
 *       it, i.e. at least its supplier's minimum order quantity and a whole number of packs (offers from the run
 *       log);</li>
 *   <li>per SKU, the units still on order from the rules' point of view ({@link #liveUnits}: each stock line at
 *       its final quantity, after Restock's amendments, 0 once Restock cancelled it or the supplier rejected it,
 *       the accepted quantity once acknowledged) equal the units the shortfalls asked for, less what Restock took
 *       back (amendments, cancellations), plus at most the rounding each live line may add
 *       ({@code ceil(minimum / pack) * pack - 1} units; also for a line Restock took back, whose requirement it
 *       lowers by at most what is left). A rejected line's units are ordered again elsewhere and
 *       counted there: a replayed shortfall or batch, or a rejection re-ordered twice, orders more than that.</li>
 * </ul>
 * Why not equality per SKU: how many units a line rounds up depends on whether the SKU's next shortfall reached
 * backorder-processor before or after the line it nets against was issued (a need in a batch counts unrounded),
 * and on requirements trimmed inside a batch that never reach a topic; neither is visible from outside, so the
 * rounding is checked exactly per line and bounded per SKU.
 */
public final class NoDemandOrderedTwice implements Invariant.Rule {

    /** Final units of each stock (not drop-ship) purchase-order line, by {@code purchaseOrderId/lineId}. */
    public static Map<String, Integer> liveUnits(final History history) {
        final Map<String, Integer> live = new TreeMap<>();
        history.purchaseOrderLines().stream().filter(l -> !l.dropShip()).forEach(l -> live.put(l.key(), l.quantity()));
        for (final History.PurchaseOrderChange change : history.purchaseOrderChanges()) {
            live.replaceAll((key, units) -> {
                final boolean ofOrder = key.startsWith(change.purchaseOrderId() + "/");
                final boolean ofLine = key.equals(change.purchaseOrderId() + "/" + change.lineId());
                if (change.cancelled() && (ofLine || (change.lineId() == null && ofOrder))) {
                    return 0;
                }
                return !change.cancelled() && ofLine ? change.quantity() : units;
            });
        }
        for (final History.SupplierFact answer : history.supplierEvents()) {
            if (answer.kind() == History.AnswerKind.ACKNOWLEDGED) {
                answer.quantities().forEach((lineId, accepted) -> live.computeIfPresent(
                        answer.purchaseOrderId() + "/" + lineId, (key, units) -> Math.min(units, accepted)));
            } else if (answer.kind() == History.AnswerKind.REJECTED) {
                live.replaceAll((key, units) -> key.startsWith(answer.purchaseOrderId() + "/")
                        && (answer.quantities().isEmpty() || answer.quantities().containsKey(
                        key.substring(answer.purchaseOrderId().length() + 1))) ? 0 : units);
            }
        }
        return live;
    }

    /** Units a line of this offer may add when rounding a need up: {@code ceil(minimum / pack) * pack - 1}. */
    static int roundingAllowance(final History.Offer offer) {
        final int pack = Math.max(1, offer.packSize());
        return Math.ceilDiv(Math.max(1, offer.minimumOrderQuantity()), pack) * pack - 1;
    }

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, String> sequences = new HashMap<>();
        final Map<String, Integer> asked = new TreeMap<>();
        for (final History.Shortfall shortfall : history.shortfalls()) {
            if (shortfall.dropShip()) {
                continue;
            }
            asked.merge(shortfall.sku(), shortfall.quantity(), Integer::sum);
            if (shortfall.sequence() != null) {
                final String earlier = sequences.putIfAbsent(shortfall.sku() + "#" + shortfall.sequence(),
                        shortfall.eventId());
                if (earlier != null) {
                    violations.add(shortfall.sku() + "#" + shortfall.sequence(),
                            "shortfall raised twice (events " + earlier + ", " + shortfall.eventId() + ")");
                }
            }
        }
        final Map<String, History.Offer> offers = new HashMap<>();
        history.offers().forEach(o -> offers.put(o.supplierId() + "/" + o.sku(), o));
        final Map<String, String> issued = new HashMap<>();
        final Map<String, History.PurchaseOrderLine> lines = new HashMap<>();
        for (final History.PurchaseOrderLine line : history.purchaseOrderLines()) {
            final String earlier = issued.putIfAbsent(line.key(), line.eventId());
            if (earlier != null) {
                violations.add(line.key(), "purchase-order line issued twice (events " + earlier
                        + ", " + line.eventId() + ")");
                continue;
            }
            lines.put(line.key(), line);
            final History.Offer offer = offers.get(line.supplierId() + "/" + line.sku());
            if (!line.dropShip() && offer != null && (line.quantity() < offer.minimumOrderQuantity()
                    || line.quantity() % Math.max(1, offer.packSize()) != 0)) {
                violations.add(line.key(), line.quantity() + " units of " + line.sku()
                        + ", the offer of " + line.supplierId() + " has minimum " + offer.minimumOrderQuantity()
                        + " and pack " + offer.packSize());
            }
        }
        final Map<String, Integer> live = liveUnits(history);
        final Map<String, Integer> liveBySku = new TreeMap<>();
        final Map<String, Integer> takenBack = new TreeMap<>();
        final Map<String, Integer> allowance = new TreeMap<>();
        for (final History.PurchaseOrderLine line : lines.values()) {
            if (line.dropShip()) {
                continue;
            }
            final int units = live.get(line.key());
            final int restocksOwn = restockChangedTo(history, line);
            liveBySku.merge(line.sku(), units, Integer::sum);
            takenBack.merge(line.sku(), line.quantity() - restocksOwn, Integer::sum);
            final History.Offer offer = offers.get(line.supplierId() + "/" + line.sku());
            if (offer != null && (units > 0 || restocksOwn < line.quantity())) {
                // a live line, or one Restock took back (its requirement was lowered by at most its need)
                allowance.merge(line.sku(), roundingAllowance(offer), Integer::sum);
            }
        }
        liveBySku.forEach((sku, units) -> {
            final int rulesAsk = asked.getOrDefault(sku, 0) - takenBack.getOrDefault(sku, 0);
            final int limit = rulesAsk + allowance.getOrDefault(sku, 0);
            if (units > limit) {
                violations.add(sku, units + " units live on purchase orders, the rules ask for "
                        + rulesAsk + " (shortfalls " + asked.getOrDefault(sku, 0) + " less " + takenBack.getOrDefault(
                        sku, 0) + " taken back) plus at most " + allowance.getOrDefault(sku, 0) + " of rounding");
            }
        });
    }

    /** A line's quantity after Restock's own amendments and cancellations only (0 if cancelled). */
    private static int restockChangedTo(final History history, final History.PurchaseOrderLine line) {
        int units = line.quantity();
        for (final History.PurchaseOrderChange change : history.purchaseOrderChanges()) {
            if (!change.purchaseOrderId().equals(line.purchaseOrderId())
                    || (change.lineId() != null && !change.lineId().equals(line.lineId()))) {
                continue;
            }
            units = change.cancelled() ? 0 : Math.min(units, change.quantity());
        }
        return units;
    }
}
