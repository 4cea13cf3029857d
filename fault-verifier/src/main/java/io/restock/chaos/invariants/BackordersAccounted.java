package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every backordered unit is allocated, cancelled or still queued, once: per line, {@code LineBackordered} −
 * {@code BackorderAllocated} − {@code BackorderCancelled} − {@code LineDropShipped} never goes below 0 and each
 * {@code BackorderAllocated.remainingBackordered} is what is left by then; per SKU, what is left equals
 * {@code backordered} of the SKU's last {@code inventory.stock-levels} record; and no SKU ends with units
 * available while lines wait (DOMAIN.md rule 1).
 */
public final class BackordersAccounted implements Invariant.Rule {

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, Integer> waiting = new TreeMap<>();
        final Map<String, String> skuOf = new HashMap<>();
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
                violations.add(fact.lineKey(), fact.kind() + " " + fact.eventId() + " takes "
                        + fact.quantity() + " units: " + left + " left waiting (filled or cancelled twice)");
            }
            if (fact.kind() == History.LineKind.BACKORDER_ALLOCATED && fact.remainingBackordered() != left) {
                violations.add(fact.lineKey(), "BackorderAllocated " + fact.eventId()
                        + " says " + fact.remainingBackordered() + " still backordered, the line's events leave "
                        + left);
            }
        }
        final Map<String, Integer> perSku = new TreeMap<>();
        waiting.forEach((line, left) -> perSku.merge(skuOf.get(line), left, Integer::sum));
        Invariant.againstFinalLevels(history, perSku, (sku, left, level) -> {
            final int backordered = level == null ? 0 : level.backordered();
            if (left != backordered) {
                violations.add(sku, "line events leave " + left
                        + " units waiting, stock level says backordered " + backordered);
            }
            if (level != null && level.available() > 0 && level.backordered() > 0) {
                violations.add(sku, level.available() + " units available while "
                        + level.backordered() + " wait");
            }
        });
    }
}
