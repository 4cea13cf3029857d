package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every backordered unit is allocated, cancelled or still queued, once: per line, {@code LineBackordered} −
 * {@code BackorderAllocated} − {@code BackorderCancelled} − {@code LineDropShipped} never goes below 0 and each
 * {@code BackorderAllocated.remainingBackordered} is what is left by then; per SKU, what is left equals
 * {@code backordered} of the SKU's last {@code inventory.stock-levels} record; and no SKU ends with units
 * available while lines wait (DOMAIN.md rule 1).
 */
public final class BackordersAccounted implements Invariant {

    @Override
    public String name() {
        return "backorders-accounted";
    }

    @Override
    public String compares() {
        return "per line, backordered - filled - cancelled units on inventory.line-events (and each "
                + "BackorderAllocated.remainingBackordered); per SKU, the units left against backordered of its "
                + "last inventory.stock-levels record, and available > 0 only with nothing backordered";
    }

    @Override
    public List<Violation> check(final History history) {
        final Map<String, Integer> waiting = new TreeMap<>();
        final Map<String, String> skuOf = new HashMap<>();
        final List<Violation> violations = new ArrayList<>();
        for (final History.LineFact fact : history.lineEvents()) {
            final int delta = switch (fact.kind()) {
                case BACKORDERED -> fact.quantity();
                case BACKORDER_ALLOCATED, BACKORDER_CANCELLED, DROP_SHIPPED -> -fact.quantity();
                default -> 0;
            };
            if (delta == 0) {
                continue;
            }
            skuOf.putIfAbsent(fact.lineKey(), fact.sku());
            final int left = waiting.merge(fact.lineKey(), delta, Integer::sum);
            if (left < 0) {
                violations.add(new Violation(name(), fact.lineKey(), fact.kind() + " " + fact.eventId() + " takes "
                        + fact.quantity() + " units: " + left + " left waiting (filled or cancelled twice)"));
            }
            if (fact.kind() == History.LineKind.BACKORDER_ALLOCATED && fact.remainingBackordered() != left) {
                violations.add(new Violation(name(), fact.lineKey(), "BackorderAllocated " + fact.eventId()
                        + " says " + fact.remainingBackordered() + " still backordered, the line's events leave "
                        + left));
            }
        }
        final Map<String, Integer> perSku = new TreeMap<>();
        waiting.forEach((line, left) -> perSku.merge(skuOf.get(line), left, Integer::sum));
        final TreeSet<String> skus = new TreeSet<>(perSku.keySet());
        skus.addAll(history.finalLevels().keySet());
        for (final String sku : skus) {
            final int left = perSku.getOrDefault(sku, 0);
            final History.Level level = history.finalLevels().get(sku);
            final int backordered = level == null ? 0 : level.backordered();
            if (left != backordered) {
                violations.add(new Violation(name(), sku, "line events leave " + left
                        + " units waiting, stock level says backordered " + backordered));
            }
            if (level != null && level.available() > 0 && level.backordered() > 0) {
                violations.add(new Violation(name(), sku, level.available() + " units available while "
                        + level.backordered() + " wait"));
            }
        }
        return violations;
    }
}
