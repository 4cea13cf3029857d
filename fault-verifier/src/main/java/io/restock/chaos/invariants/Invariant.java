package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.List;

/** One exactly-once invariant over a {@link History}: pure, so each can be shown to fail on a hand-made history. */
public interface Invariant {

    /** Kebab-case name, printed in the verdict. */
    String name();

    /** What it compares, in one sentence (printed with the verdict and in the README). */
    String compares();

    /** Every violation found; empty when the history keeps the invariant. */
    List<Violation> check(History history);

    /** All invariants the verifier checks, in the order the verdict prints them. */
    static List<Invariant> all() {
        return List.of(new AcceptedOrdersArePlaced(), new MovementsRecorded(), new CancellationsRecorded(),
                new LinesDecidedOnce(), new StockConserved(), new AllocationsAccounted(), new BackordersAccounted(),
                new NoDemandOrderedTwice(), new SupplierAnswersRecorded(), new NotificationsOncePerCause());
    }
}
