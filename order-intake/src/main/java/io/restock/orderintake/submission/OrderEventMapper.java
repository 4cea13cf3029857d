package io.restock.orderintake.submission;

import io.restock.events.Customer;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place validated submissions become canonical Avro events on {@code orders.order-events}.
 * Timestamps are cut to milliseconds, the precision of the Avro {@code timestamp-millis} fields,
 * so an event compares equal to itself after a round trip.
 */
public final class OrderEventMapper {

    private OrderEventMapper() {
    }

    /**
     * A random (version 4) UUID for an event id. From {@link ThreadLocalRandom}, not
     * {@code UUID.randomUUID()}: event ids need to be unique, not unguessable, and SecureRandom
     * costs a lock and a read of the OS's random source per call on the request path.
     */
    public static String newEventId() {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        final long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static OrderEvent placed(final OrderSubmission order, final String shopId, final String eventId,
                                    final Instant occurredAt) {
        return placed(order, shopId, null, eventId, occurredAt);
    }

    /**
     * The order as placed by a shop whose own maximum wait is {@code shopMaxWaitDays} (null: none): the event's
     * {@code maxWaitDays} is the tighter of the customer's and the shop's (DOMAIN.md rule 3).
     */
    public static OrderEvent placed(final OrderSubmission order, final String shopId, final Integer shopMaxWaitDays,
                                    final String eventId, final Instant occurredAt) {
        final List<OrderLine> lines = new ArrayList<>(order.lines().size());
        for (final OrderSubmission.Line line : order.lines()) {
            lines.add(new OrderLine(line.lineId(), line.sku(), line.quantity(), line.unitPrice()));
        }
        final OrderSubmission.Customer c = order.customer();
        final OrderPlaced placed = new OrderPlaced(eventId, millis(occurredAt), order.orderId(), shopId,
                new Customer(c.id(), c.email(), c.tier(), c.locale()), millis(order.placedAt()),
                order.shippingPolicy(), MaxWaitDays.tighter(order.maxWaitDays(), shopMaxWaitDays), order.currency(), lines);
        return new OrderEvent(placed);
    }

    public static OrderEvent cancellationRequested(final CancellationSubmission cancellation, final String shopId,
                                                   final String eventId, final Instant occurredAt) {
        return new OrderEvent(new OrderCancellationRequested(eventId, millis(occurredAt), cancellation.orderId(),
                shopId, List.copyOf(cancellation.lineIds()), cancellation.reason()));
    }

    private static Instant millis(final Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
