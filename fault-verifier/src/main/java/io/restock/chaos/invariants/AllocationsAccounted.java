package io.restock.chaos.invariants;

import io.restock.chaos.history.History;
import io.restock.chaos.history.History.LineKind;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * No unit allocated twice: per line, units allocated ({@code LineAllocated} + {@code BackorderAllocated}) less
 * units released ({@code LineReleased}) and units returned to backorder ({@code RETURNED_TO_BACKORDER}) stay
 * between 0 and the quantity ordered; per SKU, the sum over its lines of what each still holds (that, less the
 * line's units shipped) equals {@code allocated} of the SKU's last {@code inventory.stock-levels} record. A
 * cancelled line's units shipped anyway came off on hand, not off allocated (its allocation was released):
 * such a line holds nothing, never less.
 */
public final class AllocationsAccounted implements Invariant.Rule {

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, Integer> perLine = new TreeMap<>();
        final java.util.Set<String> released = new java.util.HashSet<>();
        history.returnedByLine().forEach((line, units) -> perLine.merge(line, -units, Integer::sum));
        final Map<String, Integer> ordered = new HashMap<>();
        final Map<String, String> skuOf = new HashMap<>();
        for (final History.LineFact fact : history.lineEvents()) {
            final int delta = switch (fact.kind()) {
                case ALLOCATED, BACKORDER_ALLOCATED -> fact.quantity();
                case RELEASED -> -fact.quantity();
                default -> 0;
            };
            if (fact.kind() == LineKind.ALLOCATED || fact.kind() == LineKind.BACKORDERED) {
                ordered.putIfAbsent(fact.lineKey(), fact.orderedQuantity());
            }
            skuOf.putIfAbsent(fact.lineKey(), fact.sku());
            if (fact.kind() == LineKind.RELEASED) {
                released.add(fact.lineKey());
            }
            perLine.merge(fact.lineKey(), delta, Integer::sum);
        }
        final Map<String, Integer> perSku = new TreeMap<>();
        final java.util.Set<String> shipments = new java.util.HashSet<>();
        final Map<String, Integer> shipped = new HashMap<>();
        history.movements().stream().filter(m -> m.kind() == History.MovementKind.SHIPPED)
                .filter(history.applied()).filter(m -> shipments.add(m.sku() + "/" + m.movementId()))
                .forEach(m -> {
                    if (m.lineKey() == null || !perLine.containsKey(m.lineKey())) {
                        perSku.merge(m.sku(), -m.quantity(), Integer::sum);
                    } else {
                        shipped.merge(m.lineKey(), m.quantity(), Integer::sum);
                    }
                });
        perLine.forEach((line, units) -> {
            final Integer limit = ordered.get(line);
            if (units < 0 || (limit != null && units > limit)) {
                violations.add(line, units + " units allocated net, ordered " + limit);
            }
            final int holds = units - shipped.getOrDefault(line, 0);
            perSku.merge(skuOf.get(line), released.contains(line) ? Math.max(0, holds) : holds, Integer::sum);
        });
        Invariant.againstFinalLevels(history, perSku, (sku, units, level) -> {
            final int allocated = level == null ? 0 : level.allocated();
            if (units != allocated) {
                violations.add(sku, "line events leave " + units
                        + " units allocated, stock level says " + allocated);
            }
        });
    }
}
