package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every warehouse movement inventory-stream answered 2xx (receipt, adjustment, shipment) is on
 * {@code inventory.stock-movements}, every record of its movement id of the same kind with the SKU and quantity
 * (delta for an adjustment) of a request answered 2xx. A request refused with 4xx wrote nothing: a record of a
 * movement id whose every request was refused is a violation, but the warehouse may send the same movement id
 * again with other content after a refusal (it re-reads a shipment request after a rebalance, less the units a
 * revocation withdrew meanwhile), and only the accepted content counts. A movement id recorded twice with the same content is allowed: an HTTP retry
 * after an ambiguous 503 writes it again, and inventory-stream's idempotency window applies it once
 * (inventory-stream/README.md, "Idempotency window"); {@link StockConserved} checks that it was counted once, and
 * {@link #repeatedMovements} says how many there were.
 */
public final class MovementsRecorded implements Invariant.Rule {

    /** Movement records beyond the first of their (SKU, movement id): retries the idempotency window absorbs. */
    public static long repeatedMovements(final History history) {
        return history.movements().size() - history.movements().stream()
                .map(m -> m.sku() + "/" + m.movementId()).distinct().count();
    }

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, List<History.Movement>> recorded = new HashMap<>();
        history.movements().forEach(m -> recorded.computeIfAbsent(m.movementId(), id -> new ArrayList<>()).add(m));
        final Map<String, List<History.SentMovement>> sent = new LinkedHashMap<>();
        history.sentMovements().forEach(m -> sent.computeIfAbsent(m.movementId(), id -> new ArrayList<>()).add(m));
        sent.forEach((movementId, requests) -> {
            final List<History.Movement> records = recorded.getOrDefault(movementId, List.of());
            final List<History.SentMovement> taken = requests.stream().filter(History.SentMovement::accepted).toList();
            for (final History.SentMovement request : taken) {
                if (records.stream().noneMatch(r -> same(r, request))) {
                    violations.add(movementId, request.kind() + " " + request.quantity() + " of "
                            + request.sku() + " answered HTTP " + request.finalStatus() + " but not on "
                            + "inventory.stock-movements" + (records.isEmpty() ? "" : " (recorded: " + records + ")"));
                }
            }
            final boolean refusedOnly = requests.stream().allMatch(r -> r.finalStatus() / 100 == 4);
            for (final History.Movement record : records) {
                if (!taken.isEmpty() ? taken.stream().noneMatch(r -> same(record, r)) : refusedOnly) {
                    violations.add(movementId, "recorded " + record.kind() + " "
                            + record.quantity() + " of " + record.sku() + " (event " + record.eventId() + "), sent "
                            + requests.stream().map(r -> r.kind() + " " + r.quantity() + " of " + r.sku() + " ("
                            + r.finalStatus() + ")").toList());
                }
            }
        });
    }

    private static boolean same(final History.Movement record, final History.SentMovement request) {
        return record.kind() == request.kind() && record.sku().equals(request.sku())
                && record.quantity() == request.quantity();
    }
}
