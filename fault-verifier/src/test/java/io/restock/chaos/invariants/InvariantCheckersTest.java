package io.restock.chaos.invariants;

import io.restock.chaos.history.History;
import io.restock.chaos.history.History.Level;
import io.restock.chaos.history.History.Line;
import io.restock.chaos.history.History.LineFact;
import io.restock.chaos.history.History.LineKind;
import io.restock.chaos.history.History.Movement;
import io.restock.chaos.history.History.MovementKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.restock.chaos.invariants.Invariant.ACCEPTED_ORDERS_ARE_PLACED;
import static io.restock.chaos.invariants.Invariant.ALLOCATIONS_ACCOUNTED;
import static io.restock.chaos.invariants.Invariant.BACKORDERS_ACCOUNTED;
import static io.restock.chaos.invariants.Invariant.CANCELLATIONS_RECORDED;
import static io.restock.chaos.invariants.Invariant.LINES_DECIDED_ONCE;
import static io.restock.chaos.invariants.Invariant.MOVEMENTS_RECORDED;
import static io.restock.chaos.invariants.Invariant.NOTIFICATIONS_ONCE_PER_CAUSE;
import static io.restock.chaos.invariants.Invariant.NO_DEMAND_ORDERED_TWICE;
import static io.restock.chaos.invariants.Invariant.STOCK_CONSERVED;
import static io.restock.chaos.invariants.Invariant.SUPPLIER_ANSWERS_RECORDED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invariant checker on a small hand-made history that keeps every invariant, and on the same history with
 * one fault of the kind that checker exists for: it must name the fault and the keys involved.
 */
class InvariantCheckersTest {

    /** A clean history, mutable so that each test can break one thing. */
    private static final class Fixture {
        final List<History.SentOrder> sentOrders = new ArrayList<>();
        final List<History.SentMovement> sentMovements = new ArrayList<>();
        final List<History.SentCancellation> sentCancellations = new ArrayList<>();
        final List<History.Placed> placed = new ArrayList<>();
        final List<History.CancellationRequested> cancellations = new ArrayList<>();
        final List<LineFact> lineEvents = new ArrayList<>();
        final List<Movement> movements = new ArrayList<>();
        final Map<String, Level> levels = new HashMap<>();
        final List<History.Shortfall> shortfalls = new ArrayList<>();
        final List<History.PurchaseOrderLine> poLines = new ArrayList<>();
        final List<History.Notification> notifications = new ArrayList<>();
        final List<String> emails = new ArrayList<>();
        final List<History.ShipmentRequest> shipmentRequests = new ArrayList<>();
        final List<History.Offer> offers = new ArrayList<>();
        final List<History.SentAnswer> answers = new ArrayList<>();
        final List<History.SupplierFact> supplierEvents = new ArrayList<>();
        final List<History.PurchaseOrderChange> poChanges = new ArrayList<>();
        final List<History.Returned> returned = new ArrayList<>();
        final List<History.SubmissionOutcome> outcomes = new ArrayList<>();
        final List<History.RefusedMovement> refused = new ArrayList<>();

        Fixture() {
            receipt("r1", "A", 10);
            order("o1", "A", 4);
            lineEvents.add(new LineFact("e1", LineKind.ALLOCATED, "o1", "1", "A", 4, 4, -1));
            order("o2", "A", 8);
            lineEvents.add(new LineFact("e2", LineKind.ALLOCATED, "o2", "1", "A", 6, 8, -1));
            lineEvents.add(new LineFact("e3", LineKind.BACKORDERED, "o2", "1", "A", 2, 8, -1));
            receipt("r2", "A", 3);
            lineEvents.add(new LineFact("e4", LineKind.BACKORDER_ALLOCATED, "o2", "1", "A", 2, -1, 0));
            // o1's 4 units ship: received 13 = on hand 9 (8 of them allocated) + shipped 4
            shipmentRequests.add(new History.ShipmentRequest("sr1", "o1-r1", "o1", "PARTIAL",
                    List.of(new Line("1", "A", 4))));
            sentMovements.add(new History.SentMovement(MovementKind.SHIPPED, "o1-r1/1", "A", 4, 202));
            movements.add(new Movement("m-o1-r1/1", MovementKind.SHIPPED, "o1-r1/1", "A", 4, "o1/1"));
            movement(MovementKind.ADJUSTED, "adj1", "A", 2);
            movement(MovementKind.ADJUSTED, "adj2", "A", -2);
            levels.put("A", new Level("A", 9, 8, 1, 0));

            order("o3", "B", 5);
            lineEvents.add(new LineFact("e5", LineKind.BACKORDERED, "o3", "1", "B", 5, 5, -1));
            sentCancellations.add(new History.SentCancellation("o3", List.of(), 202, true));
            cancellations.add(new History.CancellationRequested("c1", "o3", List.of("1")));
            lineEvents.add(new LineFact("e6", LineKind.BACKORDER_CANCELLED, "o3", "1", "B", 5, -1, -1));
            order("o4", "B", 3);
            lineEvents.add(new LineFact("e7", LineKind.BACKORDERED, "o4", "1", "B", 3, 3, -1));
            levels.put("B", new Level("B", 0, 0, 0, 3));
            order("o5", "C", 1);
            lineEvents.add(new LineFact("e8", LineKind.REJECTED, "o5", "1", "C", 1, -1, -1));
            // o8 comes in through the Kafka entrance, asking to ship COMPLETE, and is accepted
            final List<Line> o8 = List.of(new Line("1", "C", 2));
            sentOrders.add(new History.SentOrder("o8", null, o8, 202, "kafka", "COMPLETE"));
            outcomes.add(new History.SubmissionOutcome("o8", "ACCEPTED", "placed-o8", null));
            placed.add(new History.Placed("placed-o8", "o8", o8));
            lineEvents.add(new LineFact("e10", LineKind.REJECTED, "o8", "1", "C", 2, -1, -1));
            // an order answered 503 that never reached Kafka is not a violation
            sentOrders.add(new History.SentOrder("o6", "k-o6", List.of(new Line("1", "A", 1)), 503));

            // B: minimum 1, pack 1 at both suppliers (no rounding). Shortfalls ask 5 + 3 + 4 = 12.
            offers.add(new History.Offer("acme", "B", 1, 1));
            offers.add(new History.Offer("bolt", "B", 1, 1));
            shortfalls.add(new History.Shortfall("s1", "B", 1L, 5, false));
            shortfalls.add(new History.Shortfall("s2", "B", 2L, 3, false));
            shortfalls.add(new History.Shortfall("s3", "B", 3L, 4, false));
            // acme gets 8 for the first two, accepts them and ships them
            poLines.add(new History.PurchaseOrderLine("p1", "PO-acme-1", "acme", "B~2", "B", 8, false));
            answer("acme", "PO-acme-1", History.AnswerKind.ACKNOWLEDGED, "m1", Map.of("B~2", 8));
            answer("acme", "PO-acme-1", History.AnswerKind.SHIPPED, "m2", Map.of("B~2", 8));
            // acme gets 4 for the third and rejects it: bolt gets the 4, and Restock trims 1 before it acknowledges
            poLines.add(new History.PurchaseOrderLine("p2", "PO-acme-2", "acme", "B~3", "B", 4, false));
            answer("acme", "PO-acme-2", History.AnswerKind.REJECTED, "m3", Map.of());
            poLines.add(new History.PurchaseOrderLine("p3", "PO-bolt-1", "bolt", "B~4", "B", 4, false));
            poChanges.add(new History.PurchaseOrderChange("p4", "PO-bolt-1", "B~4", 3));
            // E: minimum 5, pack 4 (a line rounds a need up by at most 7): a shortfall of 3 is ordered as 8
            offers.add(new History.Offer("acme", "E", 5, 4));
            shortfalls.add(new History.Shortfall("s4", "E", 1L, 3, false));
            poLines.add(new History.PurchaseOrderLine("p5", "PO-acme-3", "acme", "E~1", "E", 8, false));

            notifications.add(new History.Notification("n-e1", true, "n1", "BACKORDER_OPENED", "EMAIL",
                    List.of("e5")));
            notifications.add(new History.Notification("n-e2", true, "n2", "BACKORDER_OPENED", "EMAIL",
                    List.of("e7")));
            notifications.add(new History.Notification("n-e3", false, "n3", "CANCELLED", null, List.of("e6")));
            emails.addAll(List.of("<n1@restock>", "<n2@restock>", "<n1@restock>"));
        }

        void answer(final String supplier, final String po, final History.AnswerKind kind, final String messageId,
                    final Map<String, Integer> quantities) {
            answers.add(new History.SentAnswer(supplier, po, kind, messageId, quantities, 202, "ev-" + messageId));
            supplierEvents.add(new History.SupplierFact("ev-" + messageId, kind, po, supplier, messageId, quantities));
        }

        void order(final String orderId, final String sku, final int quantity) {
            final List<Line> lines = List.of(new Line("1", sku, quantity));
            sentOrders.add(new History.SentOrder(orderId, "k-" + orderId, lines, 202));
            placed.add(new History.Placed("placed-" + orderId, orderId, lines));
        }

        void receipt(final String movementId, final String sku, final int quantity) {
            movement(MovementKind.RECEIVED, movementId, sku, quantity);
        }

        void movement(final MovementKind kind, final String movementId, final String sku, final int quantity) {
            sentMovements.add(new History.SentMovement(kind, movementId, sku, quantity, 202));
            movements.add(new Movement("m-" + movementId, kind, movementId, sku, quantity));
        }

        History history() {
            return new History(sentOrders, sentMovements, sentCancellations, placed, cancellations, lineEvents,
                    movements, levels, shortfalls, poLines, notifications, emails, shipmentRequests, offers, answers,
                    supplierEvents, poChanges, returned, outcomes, refused);
        }
    }

    private static List<Violation> violations(final Invariant invariant, final Consumer<Fixture> fault) {
        final Fixture fixture = new Fixture();
        fault.accept(fixture);
        return invariant.check(fixture.history());
    }

    @Test
    void aCleanHistoryKeepsEveryInvariant() {
        final History history = new Fixture().history();
        for (final Invariant invariant : Invariant.all()) {
            assertThat(invariant.check(history)).as(invariant.name()).isEmpty();
        }
        assertThat(NotificationsOncePerCause.duplicateEmails(history)).isEqualTo(1);
    }

    @Test
    void anOrderAnswered202ThatIsNotOnTheTopicIsAViolation() {
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.sentOrders.add(new History.SentOrder("o7",
                "k-o7", List.of(new Line("1", "A", 1)), 202))))
                .extracting(Violation::key).containsExactly("o7");
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.placed.set(0,
                new History.Placed("placed-o1", "o1", List.of(new Line("1", "A", 5))))))
                .singleElement().satisfies(v -> assertThat(v.detail()).contains("has lines"));
    }

    @Test
    void anOrderKafkaAcknowledgedOnTheShopsTopicMustBeAcceptedOnceAndPlaced() {
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.outcomes.clear()))
                .singleElement().satisfies(v -> assertThat(v.detail()).contains("no submission outcome"));
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.outcomes.add(new History.SubmissionOutcome("o8",
                "DUPLICATE", "placed-o8", null)))).as("the record sent again").isEmpty();
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.outcomes.set(0, new History.SubmissionOutcome(
                "o8", "REJECTED", null, "ORDER_EXISTS")))).extracting(Violation::key).containsExactly("o8");
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.placed.removeIf(p -> p.orderId().equals("o8"))))
                .extracting(Violation::key).containsExactly("o8");
        // a record Kafka never acknowledged (0) is not expected anywhere
        assertThat(violations(ACCEPTED_ORDERS_ARE_PLACED, f -> f.sentOrders.add(new History.SentOrder("o9", null,
                List.of(new Line("1", "A", 1)), 0, "kafka", "PARTIAL")))).isEmpty();
    }

    @Test
    void aMovementNotRecordedOrRecordedWithOtherContentIsAViolationButARetriedOneIsNot() {
        assertThat(violations(MOVEMENTS_RECORDED, f -> f.movements.removeIf(m -> m.movementId().equals("o1-r1/1"))))
                .extracting(Violation::key).containsExactly("o1-r1/1");
        assertThat(violations(MOVEMENTS_RECORDED, f -> f.movements.replaceAll(m -> m.movementId().equals("adj2")
                ? new Movement(m.eventId(), MovementKind.ADJUSTED, "adj2", "A", 2) : m)))
                .as("-2 sent and not recorded; +2 recorded and not sent").extracting(Violation::key)
                .containsExactly("adj2", "adj2");
        assertThat(violations(MOVEMENTS_RECORDED, f -> f.movements.removeIf(m -> m.movementId().equals("r2"))))
                .extracting(Violation::key).containsExactly("r2");
        // the warehouse re-read a request: 3 refused (422, one unit returned to backorder), then 2 with the same id
        assertThat(violations(MOVEMENTS_RECORDED, f -> {
            f.sentMovements.add(new History.SentMovement(MovementKind.SHIPPED, "o2-r1/1", "A", 3, 422));
            f.sentMovements.add(new History.SentMovement(MovementKind.SHIPPED, "o2-r1/1", "A", 2, 202));
            f.movements.add(new Movement("m-o2-r1/1", MovementKind.SHIPPED, "o2-r1/1", "A", 2, "o2/1"));
        })).isEmpty();
        assertThat(violations(MOVEMENTS_RECORDED, f -> {
            f.sentMovements.add(new History.SentMovement(MovementKind.SHIPPED, "o2-r1/1", "A", 3, 422));
            f.movements.add(new Movement("m-o2-r1/1", MovementKind.SHIPPED, "o2-r1/1", "A", 3, "o2/1"));
        })).as("refused with 422 but written").extracting(Violation::key).containsExactly("o2-r1/1");
        assertThat(violations(MOVEMENTS_RECORDED, f -> f.movements.add(new Movement("m-r1-again",
                MovementKind.RECEIVED, "r1", "A", 11)))).extracting(Violation::key).containsExactly("r1");
        final Fixture retried = new Fixture();
        retried.movements.add(new Movement("m-r1", MovementKind.RECEIVED, "r1", "A", 10));
        assertThat(MOVEMENTS_RECORDED.check(retried.history())).isEmpty();
        assertThat(STOCK_CONSERVED.check(retried.history())).as("applied once").isEmpty();
        assertThat(MovementsRecorded.repeatedMovements(retried.history())).isEqualTo(1);
    }

    @Test
    void aCancellationAnswered202ThatIsNotOnTheTopicIsAViolation() {
        assertThat(violations(CANCELLATIONS_RECORDED, f -> f.sentCancellations.add(
                new History.SentCancellation("o4", List.of("1"), 202, true))))
                .extracting(Violation::key).containsExactly("o4");
    }

    @Test
    void aLineDecidedTwiceOrNeverIsAViolation() {
        assertThat(violations(LINES_DECIDED_ONCE, f -> f.lineEvents.add(new LineFact("e1-again",
                LineKind.ALLOCATED, "o1", "1", "A", 4, 4, -1))))
                .extracting(Violation::key).containsExactly("o1/1", "o1/1");
        assertThat(violations(LINES_DECIDED_ONCE, f -> f.lineEvents.removeIf(e -> e.eventId().equals("e8"))))
                .singleElement().satisfies(v -> assertThat(v.detail()).contains("lost"));
        assertThat(violations(LINES_DECIDED_ONCE, f -> f.lineEvents.add(new LineFact("e9", LineKind.REJECTED,
                "o9", "1", "A", 1, -1, -1)))).extracting(Violation::key).containsExactly("o9/1");
    }

    @Test
    void onHandThatDiffersFromTheMovementsIsAViolation() {
        assertThat(violations(STOCK_CONSERVED, f -> f.levels.put("A", new Level("A", 13, 8, 5, 0))))
                .as("the shipment not taken off on hand").extracting(Violation::key).containsExactly("A");
        assertThat(violations(STOCK_CONSERVED, f -> f.movements.add(new Movement("m-x", MovementKind.RECEIVED,
                "x", "D", 2)))).extracting(Violation::key).containsExactly("D");
    }

    @Test
    void aMovementTheTopologyRefusedAndDeadLetteredIsNotApplied() {
        // o2 ships 1 unit more than it has open (a second report of units already shipped, say): on the topic,
        // dead-lettered, not applied
        final Consumer<Fixture> refusedShipment = f -> {
            f.movements.add(new Movement("m-o2-r9/1", MovementKind.SHIPPED, "o2-r9/1", "A", 1, "o2/1"));
            f.refused.add(new History.RefusedMovement(MovementKind.SHIPPED, "o2-r9/1", "A", 1,
                    "SHIPMENT_EXCEEDS_LINE"));
        };
        assertThat(violations(STOCK_CONSERVED, refusedShipment)).isEmpty();
        assertThat(violations(ALLOCATIONS_ACCOUNTED, refusedShipment)).isEmpty();
        // the same shipment not dead-lettered was applied: on hand and allocated would have gone down
        assertThat(violations(STOCK_CONSERVED, refusedShipment.andThen(f -> f.refused.clear())))
                .extracting(Violation::key).containsExactly("A");
        assertThat(violations(ALLOCATIONS_ACCOUNTED, refusedShipment.andThen(f -> f.refused.clear())))
                .extracting(Violation::key).containsExactly("A");
    }

    @Test
    void aRunThatShippedNothingWhileShipmentsWereRequestedIsAViolationOfStockConserved() {
        assertThat(violations(STOCK_CONSERVED, f -> {
            f.movements.removeIf(m -> m.kind() == MovementKind.SHIPPED);
            f.levels.put("A", new Level("A", 13, 12, 1, 0));
        })).extracting(Violation::key).containsExactly("shipments");
        assertThat(StockConserved.unitsShipped(new Fixture().history())).isEqualTo(4);
    }

    @Test
    void unitsReturnedToBackorderAreNotASecondDecisionAndLeaveTheAllocation() {
        final Consumer<Fixture> returnThree = f -> {
            f.lineEvents.add(new LineFact("ship-x/line-backordered/o2/1", LineKind.BACKORDERED, "o2", "1", "A", 3, 8,
                    -1));
            f.returned.add(new History.Returned("ship-x/shipment-request-revoked/o2/1", "o2", "1", "A", 3));
            f.levels.put("A", new Level("A", 9, 5, 4, 3));
        };
        assertThat(violations(LINES_DECIDED_ONCE, returnThree)).isEmpty();
        assertThat(violations(ALLOCATIONS_ACCOUNTED, returnThree)).isEmpty();
        // the same LineBackordered without a return behind it: decided twice, and allocation off by 3
        assertThat(violations(LINES_DECIDED_ONCE, returnThree.andThen(f -> f.returned.clear())))
                .extracting(Violation::key).containsExactly("o2/1", "o2/1");
        assertThat(violations(ALLOCATIONS_ACCOUNTED, returnThree.andThen(f -> f.returned.clear())))
                .extracting(Violation::key).containsExactly("A");
    }

    @Test
    void aShipmentOfUnitsALineStillWaitedForIsAllocatedAndShippedAtOnce() {
        // o2 gave 3 units back (a return to backorder); the warehouse had picked them and ships all 8 it still wanted:
        // its 5 allocated, and its 3 waiting (BackorderAllocated naming the shipment, nothing left waiting)
        final Consumer<Fixture> returnThreeThenShipEight = f -> {
            f.lineEvents.add(new LineFact("ship-x/line-backordered/o2/1", LineKind.BACKORDERED, "o2", "1", "A", 3, 8,
                    -1));
            f.returned.add(new History.Returned("ship-x/shipment-request-revoked/o2/1", "o2", "1", "A", 3));
            f.sentMovements.add(new History.SentMovement(MovementKind.SHIPPED, "o2-r2/1", "A", 8, 202));
            f.movements.add(new Movement("m-o2-r2/1", MovementKind.SHIPPED, "o2-r2/1", "A", 8, "o2/1"));
            f.lineEvents.add(new LineFact("m-o2-r2/1/backorder-shipped/o2/1", LineKind.BACKORDER_ALLOCATED, "o2", "1",
                    "A", 3, -1, 0));
            f.levels.put("A", new Level("A", 1, 0, 1, 0));
        };
        assertThat(violations(STOCK_CONSERVED, returnThreeThenShipEight)).isEmpty();
        assertThat(violations(ALLOCATIONS_ACCOUNTED, returnThreeThenShipEight)).isEmpty();
        assertThat(violations(BACKORDERS_ACCOUNTED, returnThreeThenShipEight)).isEmpty();
        assertThat(violations(LINES_DECIDED_ONCE, returnThreeThenShipEight)).isEmpty();
        assertThat(violations(MOVEMENTS_RECORDED, returnThreeThenShipEight)).isEmpty();
    }

    @Test
    void aCancelledLinesUnitsShippedAnywayComeOffOnHandNotOffAllocated() {
        // o1's 4 are released by a cancellation, then shipped anyway (the fixture ships o1-r1/1): A holds o2's 8
        assertThat(violations(ALLOCATIONS_ACCOUNTED, f -> f.lineEvents.add(new LineFact("rel-o1",
                LineKind.RELEASED, "o1", "1", "A", 4, -1, -1)))).isEmpty();
    }

    @Test
    void allocatedThatDiffersFromTheLinesIsAViolation() {
        assertThat(violations(ALLOCATIONS_ACCOUNTED, f -> f.levels.put("A", new Level("A", 9, 7, 2, 0))))
                .extracting(Violation::key).containsExactly("A");
        assertThat(violations(ALLOCATIONS_ACCOUNTED, f -> f.lineEvents.add(new LineFact("e4-again",
                LineKind.BACKORDER_ALLOCATED, "o2", "1", "A", 2, -1, 0))))
                .extracting(Violation::key).containsExactly("o2/1", "A");
    }

    @Test
    void aBackorderFilledOrCancelledTwiceOrMiscountedIsAViolation() {
        assertThat(violations(BACKORDERS_ACCOUNTED, f -> f.lineEvents.add(new LineFact("e6-again",
                LineKind.BACKORDER_CANCELLED, "o3", "1", "B", 5, -1, -1))))
                .extracting(Violation::key).containsExactly("o3/1", "B");
        assertThat(violations(BACKORDERS_ACCOUNTED, f -> f.levels.put("B", new Level("B", 0, 0, 0, 0))))
                .extracting(Violation::key).containsExactly("B");
        assertThat(violations(BACKORDERS_ACCOUNTED, f -> f.levels.put("A", new Level("A", 9, 8, 1, 1))))
                .extracting(Violation::detail).anySatisfy(d -> assertThat(d).contains("available while"));
    }

    @Test
    void demandOrderedTwiceIsAViolation() {
        assertThat(NoDemandOrderedTwice.liveUnits(new Fixture().history())).containsExactlyInAnyOrderEntriesOf(
                Map.of("PO-acme-1/B~2", 8, "PO-acme-2/B~3", 0, "PO-bolt-1/B~4", 3, "PO-acme-3/E~1", 8));
        // a batch replayed: a second order for the same need
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.add(new History.PurchaseOrderLine("p9",
                "PO-bolt-2", "bolt", "B~4", "B", 3, false)))).extracting(Violation::key).containsExactly("B");
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.add(new History.PurchaseOrderLine("p1b",
                "PO-acme-1", "acme", "B~2", "B", 8, false)))).extracting(Violation::key).contains("PO-acme-1/B~2");
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.shortfalls.add(new History.Shortfall("s1b", "B",
                1L, 5, false)))).extracting(Violation::key).containsExactly("B#1");
        // rounding beyond what a line may add: 8 + 8 for one shortfall of 3 at minimum 5, pack 4
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.add(new History.PurchaseOrderLine("p10",
                "PO-acme-4", "acme", "E~2", "E", 8, false)))).isEmpty();
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.add(new History.PurchaseOrderLine("p10",
                "PO-acme-4", "acme", "E~2", "E", 12, false)))).extracting(Violation::key).containsExactly("E");
    }

    @Test
    void aRejectedLineOrderedAgainElsewhereIsNotDemandOrderedTwiceButARejectionNotTakenIntoAccountIs() {
        assertThat(NO_DEMAND_ORDERED_TWICE.check(new Fixture().history())).isEmpty();
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.supplierEvents.removeIf(
                e -> e.kind() == History.AnswerKind.REJECTED)))
                .singleElement().satisfies(v -> {
                    assertThat(v.key()).isEqualTo("B");
                    assertThat(v.detail()).startsWith("15 units live").contains("ask for 11");
                });
        // without Restock's amendment, bolt's 4 are what the rules ask; 5 (pack 1) is one unit ordered twice
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poChanges.clear())).isEmpty();
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> {
            f.poChanges.clear();
            f.poLines.replaceAll(l -> l.eventId().equals("p3")
                    ? new History.PurchaseOrderLine("p3", "PO-bolt-1", "bolt", "B~4", "B", 5, false) : l);
        })).extracting(Violation::key).containsExactly("B");
    }

    @Test
    void aPurchaseOrderLineBelowTheMinimumOrNotAWholeNumberOfPacksBreaksRule8sRounding() {
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.replaceAll(l -> l.eventId().equals("p5")
                ? new History.PurchaseOrderLine("p5", "PO-acme-3", "acme", "E~1", "E", 6, false) : l)))
                .as("not a whole number of packs of 4").extracting(Violation::key).containsExactly("PO-acme-3/E~1");
        assertThat(violations(NO_DEMAND_ORDERED_TWICE, f -> f.poLines.replaceAll(l -> l.eventId().equals("p5")
                ? new History.PurchaseOrderLine("p5", "PO-acme-3", "acme", "E~1", "E", 4, false) : l)))
                .as("below the minimum of 5").extracting(Violation::key).containsExactly("PO-acme-3/E~1");
    }

    @Test
    void aSupplierAnswerTakenButNotRecordedOrRecordedTwiceOrOtherwiseIsAViolation() {
        assertThat(violations(SUPPLIER_ANSWERS_RECORDED, f -> f.supplierEvents.removeIf(e -> e.messageId()
                .equals("m2")))).extracting(Violation::key).containsExactly("acme/m2");
        assertThat(violations(SUPPLIER_ANSWERS_RECORDED, f -> f.supplierEvents.add(new History.SupplierFact(
                "ev-m1-again", History.AnswerKind.ACKNOWLEDGED, "PO-acme-1", "acme", "m1", Map.of("B~2", 8)))))
                .extracting(Violation::key).containsExactly("acme/m1");
        assertThat(violations(SUPPLIER_ANSWERS_RECORDED, f -> f.supplierEvents.replaceAll(e -> e.messageId()
                .equals("m2") ? new History.SupplierFact("ev-m2", History.AnswerKind.SHIPPED, "PO-acme-1", "acme",
                "m2", Map.of("B~2", 7)) : e))).extracting(Violation::key).containsExactly("acme/m2");
        // an answer refused (4xx) is not expected on the topic
        assertThat(violations(SUPPLIER_ANSWERS_RECORDED, f -> f.answers.add(new History.SentAnswer("bolt",
                "PO-bolt-1", History.AnswerKind.ACKNOWLEDGED, "m9", Map.of("B~4", 4), 422, null)))).isEmpty();
    }

    @Test
    void aNotificationSentTwiceOrNotCaughtIsAViolation() {
        assertThat(violations(NOTIFICATIONS_ONCE_PER_CAUSE, f -> f.notifications.add(new History.Notification(
                "n-e1-again", true, "n1", "BACKORDER_OPENED", "EMAIL", List.of("e5")))))
                .extracting(Violation::key).containsExactly("n1");
        assertThat(violations(NOTIFICATIONS_ONCE_PER_CAUSE, f -> f.notifications.add(new History.Notification(
                "n-e4", true, "n4", "BACKORDER_OPENED", "WEBHOOK", List.of("e5")))))
                .extracting(Violation::key).containsExactly("e5");
        assertThat(violations(NOTIFICATIONS_ONCE_PER_CAUSE, f -> f.emails.remove("<n2@restock>")))
                .extracting(Violation::key).containsExactly("n2");
        assertThat(violations(NOTIFICATIONS_ONCE_PER_CAUSE, f -> f.emails.add("<n9@restock>")))
                .extracting(Violation::key).containsExactly("<n9@restock>");
    }
}
