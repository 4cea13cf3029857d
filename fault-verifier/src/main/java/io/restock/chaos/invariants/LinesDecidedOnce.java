package io.restock.chaos.invariants;

import io.restock.chaos.history.History;
import io.restock.chaos.history.History.LineKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No line lost, none decided twice: each line of each placed order (an order placed twice counts once) gets at
 * order time at most one {@code LineAllocated}, one {@code LineBackordered} and one {@code LineRejected}, whose
 * quantities add up to the quantity ordered; and no line event names a line that was never placed. A line whose
 * allocated units went back to the queue (a {@code ShipmentRequestRevoked RETURNED_TO_BACKORDER}, after units a
 * cancellation released were shipped anyway) has one more {@code LineBackordered} per return, for the units
 * returned: they are not a second decision, and are counted out of the sum.
 */
public final class LinesDecidedOnce implements Invariant.Rule {

    private static final List<LineKind> DECISIONS = List.of(LineKind.ALLOCATED, LineKind.BACKORDERED,
            LineKind.REJECTED);

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, History.Line> placed = new LinkedHashMap<>();
        for (final History.Placed order : history.placedOrders()) {
            order.lines().forEach(line -> placed.putIfAbsent(order.orderId() + "/" + line.lineId(), line));
        }
        final Map<String, Map<LineKind, List<History.LineFact>>> decisions = new HashMap<>();
        for (final History.LineFact fact : history.lineEvents()) {
            if (!placed.containsKey(fact.lineKey())) {
                violations.add(fact.lineKey(), fact.kind() + " " + fact.eventId()
                        + " for a line no OrderPlaced has");
                continue;
            }
            if (DECISIONS.contains(fact.kind())) {
                decisions.computeIfAbsent(fact.lineKey(), k -> new EnumMap<>(LineKind.class))
                        .computeIfAbsent(fact.kind(), k -> new ArrayList<>()).add(fact);
            }
        }
        final Map<String, Integer> returned = history.returnedByLine();
        final Map<String, Long> returns = new HashMap<>();
        history.returnedToBackorder().forEach(r -> returns.merge(r.lineKey(), 1L, Long::sum));
        placed.forEach((key, line) -> {
            final Map<LineKind, List<History.LineFact>> decided = decisions.getOrDefault(key, Map.of());
            if (decided.isEmpty()) {
                violations.add(key, "placed (" + line.quantity() + " of " + line.sku()
                        + ") but never decided: the line was lost");
                return;
            }
            int total = -returned.getOrDefault(key, 0);
            for (final Map.Entry<LineKind, List<History.LineFact>> entry : decided.entrySet()) {
                final long allowed = 1 + (entry.getKey() == LineKind.BACKORDERED ? returns.getOrDefault(key, 0L) : 0);
                if (entry.getValue().size() > allowed) {
                    violations.add(key, entry.getValue().size() + " " + entry.getKey()
                            + " events " + entry.getValue().stream().map(History.LineFact::eventId).toList()
                            + ": decided twice");
                }
                total += entry.getValue().stream().mapToInt(History.LineFact::quantity).sum();
            }
            if (total != line.quantity()) {
                violations.add(key, "decisions (less units returned to backorder) add up to "
                        + total + ", ordered "
                        + line.quantity());
            }
        });
    }
}
