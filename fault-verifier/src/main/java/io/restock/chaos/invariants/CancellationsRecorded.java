package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every cancellation order-intake answered 2xx with an event id (something new was requested) is on
 * {@code orders.order-events} as an {@code OrderCancellationRequested} of that order.
 */
public final class CancellationsRecorded implements Invariant {

    @Override
    public String name() {
        return "cancellations-recorded";
    }

    @Override
    public String compares() {
        return "each cancellation answered 2xx with an eventId in the log against the OrderCancellationRequested "
                + "records of orders.order-events";
    }

    @Override
    public List<Violation> check(final History history) {
        final Set<String> requested = new HashSet<>();
        history.cancellationRequests().forEach(c -> requested.add(c.orderId()));
        final List<Violation> violations = new ArrayList<>();
        for (final History.SentCancellation cancellation : history.sentCancellations()) {
            if (cancellation.finalStatus() / 100 == 2 && cancellation.written()
                    && !requested.contains(cancellation.orderId())) {
                violations.add(new Violation(name(), cancellation.orderId(), "answered HTTP "
                        + cancellation.finalStatus() + " but no OrderCancellationRequested on orders.order-events"));
            }
        }
        return violations;
    }
}
