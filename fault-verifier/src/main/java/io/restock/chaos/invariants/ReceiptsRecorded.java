package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every warehouse receipt inventory-stream answered 2xx is on {@code inventory.stock-movements}, every record of
 * its movement id with the SKU and quantity sent. A movement id recorded twice with the same content is allowed:
 * an HTTP retry after an ambiguous 503 writes it again, and inventory-stream's idempotency window applies it once
 * (inventory-stream/README.md, "Idempotency window"); {@link StockConserved} checks that it was counted once, and
 * {@link #repeatedMovements} says how many there were.
 */
public final class ReceiptsRecorded implements Invariant {

    @Override
    public String name() {
        return "receipts-recorded";
    }

    @Override
    public String compares() {
        return "each receipt answered 2xx in the log against the StockReceived records with its movementId "
                + "(at least one, every one with the SKU and quantity sent)";
    }

    /** Movement records beyond the first of their (SKU, movement id): retries the idempotency window absorbs. */
    public static long repeatedMovements(final History history) {
        return history.movements().size() - history.movements().stream()
                .map(m -> m.sku() + "/" + m.movementId()).distinct().count();
    }

    @Override
    public List<Violation> check(final History history) {
        final Map<String, List<History.Movement>> received = new HashMap<>();
        history.movements().stream().filter(m -> m.kind() == History.MovementKind.RECEIVED)
                .forEach(m -> received.computeIfAbsent(m.movementId(), id -> new ArrayList<>()).add(m));
        final List<Violation> violations = new ArrayList<>();
        for (final History.SentReceipt receipt : history.sentReceipts()) {
            final List<History.Movement> records = received.getOrDefault(receipt.movementId(), List.of());
            if (receipt.accepted() && records.isEmpty()) {
                violations.add(new Violation(name(), receipt.movementId(), "answered HTTP " + receipt.finalStatus()
                        + " but no StockReceived on inventory.stock-movements"));
            }
            for (final History.Movement record : records) {
                if (!record.sku().equals(receipt.sku()) || record.quantity() != receipt.quantity()) {
                    violations.add(new Violation(name(), receipt.movementId(), "recorded " + record.quantity()
                            + " of " + record.sku() + " (event " + record.eventId() + "), sent " + receipt.quantity()
                            + " of " + receipt.sku()));
                }
            }
        }
        return violations;
    }
}
