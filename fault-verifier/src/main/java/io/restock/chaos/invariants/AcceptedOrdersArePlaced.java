package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No HTTP 2xx for an order that is not in {@code orders.order-events}: every order order-intake answered 2xx
 * has an {@code OrderPlaced} with the same lines (id, SKU, quantity). The same through the Kafka entrance: every
 * order Kafka acknowledged on {@code shops.<shop>.order-submissions} has one outcome on
 * {@code shops.<shop>.submission-outcomes} (a second is DUPLICATE: the record sent again), ACCEPTED (the verifier
 * sends only valid orders), and the {@code OrderPlaced}. A second {@code OrderPlaced} of one order is
 * not counted here: order-intake documents it after an ambiguous 503 (order-intake/README.md, Idempotency), and
 * {@link LinesDecidedOnce} checks that it is not decided twice.
 */
public final class AcceptedOrdersArePlaced implements Invariant.Rule {

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, List<History.Placed>> placed = new HashMap<>();
        history.placedOrders().forEach(p -> placed.computeIfAbsent(p.orderId(), id -> new ArrayList<>()).add(p));
        final Map<String, List<History.SubmissionOutcome>> outcomes = new HashMap<>();
        history.submissionOutcomes().forEach(o -> outcomes.computeIfAbsent(o.orderId(), id -> new ArrayList<>())
                .add(o));
        for (final History.SentOrder order : history.sentOrders()) {
            if (!order.accepted()) {
                continue;
            }
            if (order.viaKafka()) {
                final List<History.SubmissionOutcome> found = outcomes.getOrDefault(order.orderId(), List.of());
                if (found.isEmpty()) {
                    violations.add(order.orderId(), "acknowledged by Kafka on the shop's "
                            + "submissions topic but no submission outcome");
                } else if (!"ACCEPTED".equals(found.getFirst().outcome())
                        || found.stream().skip(1).anyMatch(o -> !"DUPLICATE".equals(o.outcome()))) {
                    violations.add(order.orderId(), "submission outcomes " + found.stream()
                            .map(o -> o.outcome() + (o.reason() == null ? "" : " " + o.reason())).toList()
                            + ", expected ACCEPTED (then DUPLICATE for a record sent again)");
                }
            }
            final List<History.Placed> records = placed.getOrDefault(order.orderId(), List.of());
            if (records.isEmpty()) {
                violations.add(order.orderId(), "answered HTTP " + order.finalStatus()
                        + " but no OrderPlaced on orders.order-events");
                continue;
            }
            final Set<History.Line> sent = new HashSet<>(order.lines());
            for (final History.Placed record : records) {
                if (!new HashSet<>(record.lines()).equals(sent)) {
                    violations.add(order.orderId(), "OrderPlaced " + record.eventId()
                            + " has lines " + record.lines() + ", the shop sent " + order.lines());
                }
            }
        }
    }
}
