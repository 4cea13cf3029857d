package io.restock.chaos;

import io.restock.chaos.faults.FaultPlan;
import io.restock.chaos.history.History;
import io.restock.chaos.invariants.Invariant;
import io.restock.chaos.invariants.NotificationsOncePerCause;
import io.restock.chaos.invariants.MovementsRecorded;
import io.restock.chaos.invariants.NoDemandOrderedTwice;
import io.restock.chaos.invariants.StockConserved;
import io.restock.chaos.invariants.Violation;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a run: counts, faults injected by kind, each invariant checked and its violations. */
public record Verdict(Map<String, Long> counts, Map<FaultPlan.Kind, Integer> faults, int killsInOpenTransaction,
                      Map<String, List<Violation>> violationsByInvariant, boolean quiet, List<String> refusedShipments) {

    private static final int SHOWN_PER_INVARIANT = 15;

    public static Verdict of(final History history, final Map<FaultPlan.Kind, Integer> faults,
                             final int killsInOpenTransaction, final boolean quiet) {
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("orders sent", (long) history.sentOrders().size());
        counts.put("orders answered 2xx", history.sentOrders().stream().filter(History.SentOrder::accepted).count());
        counts.put("orders not accepted (last answer not 2xx)",
                history.sentOrders().stream().filter(o -> !o.accepted()).count());
        counts.put("orders through the Kafka entrance (acknowledged by Kafka)", history.sentOrders().stream()
                .filter(o -> o.viaKafka() && o.accepted()).count());
        counts.put("submission outcomes (ACCEPTED / DUPLICATE / REJECTED)", (long) history.submissionOutcomes().size());
        counts.put("COMPLETE orders accepted", history.sentOrders().stream()
                .filter(o -> "COMPLETE".equals(o.shippingPolicy()) && o.accepted()).count());
        counts.put("OrderPlaced records", (long) history.placedOrders().size());
        counts.put("order lines placed", history.placedOrders().stream()
                .flatMap(p -> p.lines().stream().map(l -> p.orderId() + "/" + l.lineId())).distinct().count());
        counts.put("line events", (long) history.lineEvents().size());
        counts.put("receipts sent", sent(history, History.MovementKind.RECEIVED));
        counts.put("adjustments sent", sent(history, History.MovementKind.ADJUSTED));
        counts.put("adjustments answered 2xx", history.sentMovements().stream()
                .filter(m -> m.kind() == History.MovementKind.ADJUSTED && m.accepted()).count());
        counts.put("shipment requests (ShipmentRequested)", (long) history.shipmentRequests().size());
        counts.put("whole-order shipment requests (COMPLETE)", history.shipmentRequests().stream()
                .filter(r -> "COMPLETE".equals(r.shippingPolicy())).count());
        counts.put("lines returned to backorder (a shipment took units on hand no longer covered)",
                (long) history.returnedToBackorder().size());
        counts.put("shipments of units a line still waited for (BackorderAllocated.shipmentMovementId)",
                history.lineEvents().stream().filter(f -> f.shipmentMovementId() != null).count());
        counts.put("  units shipped from a line's backorder", history.lineEvents().stream()
                .filter(f -> f.shipmentMovementId() != null).mapToLong(History.LineFact::quantity).sum());
        counts.put("shipments sent (one per request line)", sent(history, History.MovementKind.SHIPPED));
        counts.put("shipments answered 2xx", history.sentMovements().stream()
                .filter(m -> m.kind() == History.MovementKind.SHIPPED && m.accepted()).count());
        counts.put("units shipped (StockShipped)", StockConserved.unitsShipped(history));
        counts.put("cancellations sent", (long) history.sentCancellations().size());
        counts.put("stock movements", (long) history.movements().size());
        counts.put("movements recorded again by an HTTP retry (applied once by the idempotency window)",
                MovementsRecorded.repeatedMovements(history));
        counts.put("movements refused by inventory-stream's topology (dead-lettered, not applied)",
                (long) history.refusedMovements().size());
        history.refusedMovements().stream().collect(java.util.stream.Collectors.groupingBy(
                r -> "  refused " + r.kind() + " " + r.reason(), java.util.TreeMap::new,
                java.util.stream.Collectors.counting())).forEach(counts::put);
        counts.put("SKUs with a stock level", (long) history.finalLevels().size());
        counts.put("shortfalls", (long) history.shortfalls().size());
        counts.put("purchase-order lines", (long) history.purchaseOrderLines().size());
        counts.put("purchase-order lines rejected by a supplier", history.supplierEvents().stream()
                .filter(e -> e.kind() == History.AnswerKind.REJECTED).mapToLong(e -> e.quantities().isEmpty()
                        ? history.purchaseOrderLines().stream().filter(l -> l.purchaseOrderId()
                        .equals(e.purchaseOrderId())).count() : e.quantities().size()).sum()
                + history.supplierEvents().stream().filter(e -> e.kind() == History.AnswerKind.ACKNOWLEDGED)
                .mapToLong(e -> e.quantities().values().stream().filter(q -> q == 0).count()).sum());
        counts.put("purchase-order lines amended or cancelled by Restock", history.purchaseOrderChanges().stream()
                .map(c -> c.purchaseOrderId() + "/" + c.lineId()).distinct().count());
        counts.put("units asked by shortfalls (drop-ship apart)", history.shortfalls().stream()
                .filter(f -> !f.dropShip()).mapToLong(History.Shortfall::quantity).sum());
        counts.put("units live on purchase orders (after amendments, cancellations, rejections)",
                NoDemandOrderedTwice.liveUnits(history).values().stream().mapToLong(Integer::longValue).sum());
        counts.put("supplier answers sent", (long) history.sentAnswers().size());
        counts.put("supplier answers answered 2xx", history.sentAnswers().stream()
                .filter(History.SentAnswer::accepted).count());
        counts.put("supplier events", (long) history.supplierEvents().size());
        counts.put("notifications recorded", (long) history.notifications().size());
        counts.put("emails caught", (long) history.emailMessageIds().size());
        counts.put("emails resent with the same Message-ID (documented failure window)",
                NotificationsOncePerCause.duplicateEmails(history));
        final Map<String, List<Violation>> violations = new LinkedHashMap<>();
        for (final Invariant invariant : Invariant.all()) {
            violations.put(invariant.name(), invariant.check(history));
        }
        final java.util.Set<String> accepted = new java.util.HashSet<>();
        history.sentMovements().stream().filter(History.SentMovement::accepted)
                .forEach(m -> accepted.add(m.sku() + "/" + m.movementId()));
        final List<String> refusedShipments = history.refusedMovements().stream()
                .filter(r -> r.kind() == History.MovementKind.SHIPPED && accepted.contains(r.sku() + "/" + r.movementId()))
                .map(r -> r.movementId() + " (" + r.quantity() + " of " + r.sku() + ", " + r.reason() + ")").toList();
        return new Verdict(counts, Map.copyOf(faults), killsInOpenTransaction, violations, quiet, refusedShipments);
    }

    private static long sent(final History history, final History.MovementKind kind) {
        return history.sentMovements().stream().filter(m -> m.kind() == kind).count();
    }

    public long violationCount() {
        return violationsByInvariant.values().stream().mapToLong(List::size).sum();
    }

    public boolean clean() {
        return quiet && violationCount() == 0;
    }

    public void print(final PrintStream out) {
        out.println();
        out.println("== Fault verifier verdict ==");
        counts.forEach((name, value) -> out.printf("  %-68s %d%n", name, value));
        if (!refusedShipments.isEmpty()) {
            out.println("  NOTICE: shipments the warehouse reported (HTTP 202) that inventory-stream's topology refused "
                    + "(dead-lettered; its on hand keeps those units): " + refusedShipments);
        }
        out.println("  faults injected: " + (faults.isEmpty() ? "none" : faults) + "; kills with a transaction "
                + "seen open: " + killsInOpenTransaction);
        if (!quiet) {
            out.println("  NOT QUIET: Restock did not settle (consumer lag or outputs still moving); invariants "
                    + "were checked on what was there");
        }
        final Map<String, String> compares = new LinkedHashMap<>();
        Invariant.all().forEach(i -> compares.put(i.name(), i.compares()));
        out.println("  invariants checked: " + violationsByInvariant.size());
        violationsByInvariant.forEach((name, found) -> {
            out.printf("    %-30s %s%n", name, found.isEmpty() ? "ok" : "VIOLATED (" + found.size() + ")");
            found.stream().limit(SHOWN_PER_INVARIANT).forEach(v -> out.println("        " + v));
            if (found.size() > SHOWN_PER_INVARIANT) {
                out.println("        ... and " + (found.size() - SHOWN_PER_INVARIANT) + " more");
            }
        });
        out.println(clean() ? "VERDICT: clean (" + violationsByInvariant.size() + " invariants, 0 violations)"
                : "VERDICT: FAILED (" + violationCount() + " violations" + (quiet ? "" : ", not quiet") + ")");
    }
}
