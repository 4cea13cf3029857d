package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.Map;
import java.util.TreeMap;

/**
 * For every SKU, units are conserved: received + adjusted − shipped (from {@code inventory.stock-movements}, each
 * movement id once, as inventory-stream's idempotency window applies it; a movement its topology refused and
 * dead-lettered to {@code dlq.inventory.stock-movements} not at all) =
 * on hand in the SKU's last {@code inventory.stock-levels} record (on hand counts allocated units until they
 * ship), on hand is never negative, and available = on hand − allocated. A run whose warehouse shipped nothing
 * while {@code inventory.shipment-requests} asked it to is a violation too: conservation with shipped = 0 says
 * nothing about shipments, and the verifier's load plays the warehouse.
 */
public final class StockConserved implements Invariant.Rule {

    /** Units on {@code StockShipped} records, each (SKU, movement id) once. */
    public static long unitsShipped(final History history) {
        final java.util.Set<String> applied = new java.util.HashSet<>();
        return history.movements().stream().filter(m -> m.kind() == History.MovementKind.SHIPPED)
                .filter(history.applied()).filter(m -> applied.add(m.sku() + "/" + m.movementId())).mapToLong(History.Movement::quantity).sum();
    }

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, Integer> expected = new TreeMap<>();
        final java.util.Set<String> applied = new java.util.HashSet<>();
        final java.util.function.Predicate<History.Movement> notRefused = history.applied();
        for (final History.Movement movement : history.movements()) {
            if (!notRefused.test(movement) || !applied.add(movement.sku() + "/" + movement.movementId())) {
                continue; // the SKU's idempotency window applies a movement id once
            }
            final int delta = movement.kind() == History.MovementKind.SHIPPED ? -movement.quantity()
                    : movement.quantity();
            expected.merge(movement.sku(), delta, Integer::sum);
        }
        if (!history.shipmentRequests().isEmpty() && unitsShipped(history) == 0) {
            violations.add("shipments", history.shipmentRequests().size() + " shipment requests "
                    + "for " + history.shipmentRequests().stream().flatMap(r -> r.lines().stream())
                    .mapToInt(History.Line::quantity).sum() + " units, but nothing shipped: conservation was not "
                    + "exercised for shipments");
        }
        Invariant.againstFinalLevels(history, expected, (sku, units, level) -> {
            final int onHand = level == null ? 0 : level.onHand();
            if (units != onHand) {
                violations.add(sku, "movements add up to " + units + " units, stock level says "
                        + "onHand " + onHand);
            }
            if (level != null && (level.onHand() < 0 || level.available() != level.onHand() - level.allocated())) {
                violations.add(sku, "stock level onHand " + level.onHand() + ", allocated "
                        + level.allocated() + ", available " + level.available());
            }
        });
    }
}
