package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every warehouse movement inventory-stream answered 2xx (receipt, adjustment, shipment) is on
 * {@code inventory.stock-movements}, every record of its movement id of the same kind with the SKU and quantity
 * (delta for an adjustment) sent. A movement id recorded twice with the same content is allowed: an HTTP retry
 * after an ambiguous 503 writes it again, and inventory-stream's idempotency window applies it once
 * (inventory-stream/README.md, "Idempotency window"); {@link StockConserved} checks that it was counted once, and
 * {@link #repeatedMovements} says how many there were.
 */
public final class MovementsRecorded implements Invariant {

    @Override
    public String name() {
        return "movements-recorded";
    }

    @Override
    public String compares() {
        return "each receipt, adjustment and shipment answered 2xx in the log against the StockReceived / StockAdjusted"
                + " / StockShipped records with its movementId (at least one, every one of that kind with the SKU and "
                + "quantity sent)";
    }

    /** Movement records beyond the first of their (SKU, movement id): retries the idempotency window absorbs. */
    public static long repeatedMovements(final History history) {
        return history.movements().size() - history.movements().stream()
                .map(m -> m.sku() + "/" + m.movementId()).distinct().count();
    }

    @Override
    public List<Violation> check(final History history) {
        final Map<String, List<History.Movement>> recorded = new HashMap<>();
        history.movements().forEach(m -> recorded.computeIfAbsent(m.movementId(), id -> new ArrayList<>()).add(m));
        final List<Violation> violations = new ArrayList<>();
        for (final History.SentMovement sent : history.sentMovements()) {
            final List<History.Movement> records = recorded.getOrDefault(sent.movementId(), List.of());
            if (sent.accepted() && records.isEmpty()) {
                violations.add(new Violation(name(), sent.movementId(), sent.kind() + " answered HTTP "
                        + sent.finalStatus() + " but not on inventory.stock-movements"));
            }
            for (final History.Movement record : records) {
                if (record.kind() != sent.kind() || !record.sku().equals(sent.sku())
                        || record.quantity() != sent.quantity()) {
                    violations.add(new Violation(name(), sent.movementId(), "recorded " + record.kind() + " "
                            + record.quantity() + " of " + record.sku() + " (event " + record.eventId() + "), sent "
                            + sent.kind() + " " + sent.quantity() + " of " + sent.sku()));
                }
            }
        }
        return violations;
    }
}
