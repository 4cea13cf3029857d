package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.HashSet;
import java.util.Set;

/**
 * Every cancellation order-intake answered 2xx with an event id (something new was requested) is on
 * {@code orders.order-events} as an {@code OrderCancellationRequested} of that order.
 */
public final class CancellationsRecorded implements Invariant.Rule {

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Set<String> requested = new HashSet<>();
        history.cancellationRequests().forEach(c -> requested.add(c.orderId()));
        for (final History.SentCancellation cancellation : history.sentCancellations()) {
            if (cancellation.finalStatus() / 100 == 2 && cancellation.written()
                    && !requested.contains(cancellation.orderId())) {
                violations.add(cancellation.orderId(), "answered HTTP "
                        + cancellation.finalStatus() + " but no OrderCancellationRequested on orders.order-events");
            }
        }
    }
}
