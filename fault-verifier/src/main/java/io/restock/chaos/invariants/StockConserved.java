package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * For every SKU, units are conserved: received + adjusted − shipped (from {@code inventory.stock-movements}, each
 * movement id once, as inventory-stream's idempotency window applies it; a movement its topology refused and
 * dead-lettered to {@code dlq.inventory.stock-movements} not at all) =
 * on hand in the SKU's last {@code inventory.stock-levels} record (on hand counts allocated units until they
 * ship), on hand is never negative, and available = on hand − allocated. A run whose warehouse shipped nothing
 * while {@code inventory.shipment-requests} asked it to is a violation too: conservation with shipped = 0 says
 * nothing about shipments, and the verifier's load plays the warehouse.
 */
public final class StockConserved implements Invariant {

    @Override
    public String name() {
        return "stock-conserved";
    }

    @Override
    public String compares() {
        return "per SKU, received + adjusted - shipped on inventory.stock-movements (each movementId once) against onHand (and "
                + "onHand - allocated against available) of its last inventory.stock-levels record; shipped > 0 when "
                + "inventory.shipment-requests asked for shipments";
    }

    /** Units on {@code StockShipped} records, each (SKU, movement id) once. */
    public static long unitsShipped(final History history) {
        final java.util.Set<String> applied = new java.util.HashSet<>();
        return history.movements().stream().filter(m -> m.kind() == History.MovementKind.SHIPPED)
                .filter(history.applied()).filter(m -> applied.add(m.sku() + "/" + m.movementId())).mapToLong(History.Movement::quantity).sum();
    }

    @Override
    public List<Violation> check(final History history) {
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
        final TreeSet<String> skus = new TreeSet<>(expected.keySet());
        skus.addAll(history.finalLevels().keySet());
        final List<Violation> violations = new ArrayList<>();
        if (!history.shipmentRequests().isEmpty() && unitsShipped(history) == 0) {
            violations.add(new Violation(name(), "shipments", history.shipmentRequests().size() + " shipment requests "
                    + "for " + history.shipmentRequests().stream().flatMap(r -> r.lines().stream())
                    .mapToInt(History.Line::quantity).sum() + " units, but nothing shipped: conservation was not "
                    + "exercised for shipments"));
        }
        for (final String sku : skus) {
            final int units = expected.getOrDefault(sku, 0);
            final History.Level level = history.finalLevels().get(sku);
            final int onHand = level == null ? 0 : level.onHand();
            if (units != onHand) {
                violations.add(new Violation(name(), sku, "movements add up to " + units + " units, stock level says "
                        + "onHand " + onHand));
            }
            if (level != null && (level.onHand() < 0 || level.available() != level.onHand() - level.allocated())) {
                violations.add(new Violation(name(), sku, "stock level onHand " + level.onHand() + ", allocated "
                        + level.allocated() + ", available " + level.available()));
            }
        }
        return violations;
    }
}
