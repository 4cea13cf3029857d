package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No demand ordered twice (DOMAIN.md rules 7 and 8): each SKU's shortfall sequence number is raised once, each
 * purchase-order line is issued once, and per SKU the units on issued purchase-order lines (drop-ship lines
 * apart) do not exceed the units of its shortfalls. backorder-processor nets each shortfall against what is
 * already on order and rounds up to the supplier's minimum and pack size; the verifier's offers have minimum 1
 * and pack 1 and it sends no supplier rejection (which would re-order elsewhere), so the rules never order more
 * than the shortfalls asked: a replayed shortfall or batch would.
 */
public final class NoDemandOrderedTwice implements Invariant {

    @Override
    public String name() {
        return "no-demand-ordered-twice";
    }

    @Override
    public String compares() {
        return "StockShortfall (sku, sequence) and PurchaseOrderIssued (purchaseOrderId, lineId) for duplicates; "
                + "per SKU, units on procurement.purchase-orders against units on inventory.stock-shortfalls";
    }

    @Override
    public List<Violation> check(final History history) {
        final List<Violation> violations = new ArrayList<>();
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
                    violations.add(new Violation(name(), shortfall.sku() + "#" + shortfall.sequence(),
                            "shortfall raised twice (events " + earlier + ", " + shortfall.eventId() + ")"));
                }
            }
        }
        final Map<String, String> lines = new HashMap<>();
        final Map<String, Integer> ordered = new TreeMap<>();
        for (final History.PurchaseOrderLine line : history.purchaseOrderLines()) {
            final String key = line.purchaseOrderId() + "/" + line.lineId();
            final String earlier = lines.putIfAbsent(key, line.eventId());
            if (earlier != null) {
                violations.add(new Violation(name(), key, "purchase-order line issued twice (events " + earlier
                        + ", " + line.eventId() + ")"));
            }
            if (!line.dropShip()) {
                ordered.merge(line.sku(), line.quantity(), Integer::sum);
            }
        }
        ordered.forEach((sku, units) -> {
            final int limit = asked.getOrDefault(sku, 0);
            if (units > limit) {
                violations.add(new Violation(name(), sku, units + " units on purchase orders, shortfalls asked for "
                        + limit));
            }
        });
        return violations;
    }
}
