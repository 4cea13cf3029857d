package io.restock.inventory.orders;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LineQuantity;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.RejectionReason;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.inventory.internal.OrderLineState;
import io.restock.inventory.internal.OrderState;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Order-keyed second step (rule 2): follows each order's lines through their line events in
 * {@code order-book} and asks the warehouse to ship. Only COMPLETE orders need their lines' counts
 * kept: a PARTIAL order's state is read (for its policy) but not rewritten per line event.
 * <ul>
 *   <li>PARTIAL: one {@code ShipmentRequested} for every quantity that becomes allocated
 *       ({@code LineAllocated}, {@code BackorderAllocated}), except a {@code BackorderAllocated} with a
 *       {@code shipmentMovementId}: the warehouse shipped those units already (see {@code SkuBook.ship}).</li>
 *   <li>COMPLETE: one {@code ShipmentRequested} for the whole order once every line is settled
 *       (allocated + backordered + rejected + cancelled = ordered) with nothing backordered and
 *       something allocated.</li>
 * </ul>
 * The warehouse is told when requested units must no longer be picked ({@code ShipmentRequestRevoked}):
 * <ul>
 *   <li>{@code LineReleased} (a cancellation) of a PARTIAL order's line, or of a COMPLETE order whose
 *       whole-order request went out: the released units ({@value #CANCELLED});</li>
 *   <li>a COMPLETE order's settled line backordered again ({@code LineBackordered} after its units went to a
 *       shipment of a cancelled line, see {@code SkuBook.shipWithdrawn}) after its whole-order request: the
 *       rest of the order ({@value #ORDER_NOT_WHOLE}); a new whole-order request follows once it is whole
 *       again. (The SKU writer revokes the returned units themselves, for any policy.)</li>
 * </ul>
 * Line events of orders this step does not know are ignored (logged), except a PARTIAL
 * {@code LineAllocated}, which carries all its shipment request needs and is shipped without reading the order.
 */
public final class OrderShipmentProcessor extends ContextualProcessor<String, LineEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderShipmentProcessor.class);
    static final String CANCELLED = "CANCELLED";
    static final String ORDER_NOT_WHOLE = "ORDER_NOT_WHOLE";

    private final String storeName;
    private KeyValueStore<String, OrderState> orders;

    public OrderShipmentProcessor(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        this.orders = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, LineEvent> input) {
        final Record<String, LineEvent> record = OutputHeaders.cleared(input);
        if (record.value().getEvent() instanceof LineRejected r && r.getReason() == RejectionReason.DUPLICATE_LINE) {
            return; // about a second line with the id of a line the order keeps: not that line's fate
        }
        if (record.value().getEvent() instanceof LineAllocated a && a.getShippingPolicy() == ShippingPolicy.PARTIAL) {
            // The event says all a PARTIAL order's shipment needs: no need to read the order.
            forward(record, a.getOrderId(), ShippingPolicy.PARTIAL, Instant.ofEpochMilli(record.timestamp()),
                    a.getEventId(), List.of(new LineQuantity(a.getLineId(), a.getSku(), a.getQuantity())));
            return;
        }
        final Change change = Change.of(record.value());
        final OrderState state = orders.get(change.orderId());
        if (state == null) {
            LOG.warn("line event {} for unknown order {}", change.eventId(), change.orderId());
            return;
        }
        final OrderLineState line = state.getLines().stream().filter(l -> l.getLineId().equals(change.lineId()))
                .findFirst().orElse(null);
        if (line == null) {
            // Rejections of duplicate or invalid lines name lines the order does not keep.
            return;
        }
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        if (ShippingPolicy.valueOf(state.getShippingPolicy()) == ShippingPolicy.PARTIAL) {
            // Each allocation ships on its own: nothing to remember, so the order's state is not rewritten.
            if (change.newlyAllocated() > 0) {
                forward(record, state, at, change.eventId(),
                        List.of(new LineQuantity(line.getLineId(), line.getSku(), change.newlyAllocated())));
            } else if (record.value().getEvent() instanceof LineReleased r) {
                revoke(record, state.getOrderId(), at, r.getEventId(), CANCELLED,
                        List.of(new LineQuantity(line.getLineId(), line.getSku(), r.getQuantity())));
            }
            return;
        }
        if (record.value().getEvent() instanceof LineBackordered b && isSettled(line)) {
            // A settled line backordered again: a shipment of a cancelled line's units took its units.
            line.setAllocated(line.getAllocated() - b.getQuantity());
            line.setBackordered(line.getBackordered() + b.getQuantity());
            if (state.getCompleteShipmentRequested()) {
                state.setCompleteShipmentRequested(false);
                final List<LineQuantity> rest = allocatedLines(state);
                if (!rest.isEmpty()) {
                    revoke(record, state.getOrderId(), at, b.getEventId(), ORDER_NOT_WHOLE, rest);
                }
            }
            orders.put(state.getOrderId(), state);
            return;
        }
        change.applyTo(line);
        if (state.getCompleteShipmentRequested() && record.value().getEvent() instanceof LineReleased r) {
            revoke(record, state.getOrderId(), at, r.getEventId(), CANCELLED,
                    List.of(new LineQuantity(line.getLineId(), line.getSku(), r.getQuantity())));
        }
        if (!state.getCompleteShipmentRequested() && isWhole(state)) {
            state.setCompleteShipmentRequested(true);
            forward(record, state, at, change.eventId(), allocatedLines(state));
        }
        orders.put(state.getOrderId(), state);
    }

    private void forward(final Record<String, LineEvent> record, final OrderState state, final Instant at,
                         final String causeId, final List<LineQuantity> lines) {
        forward(record, state.getOrderId(), ShippingPolicy.valueOf(state.getShippingPolicy()), at, causeId, lines);
    }

    private void forward(final Record<String, LineEvent> record, final String orderId, final ShippingPolicy policy,
                         final Instant at, final String causeId, final List<LineQuantity> lines) {
        final String id = causeId + "/ship";
        context().forward(record.withKey(orderId).withValue(new ShipmentRequested(id, at, id, orderId, policy, lines)));
    }

    private void revoke(final Record<String, LineEvent> record, final String orderId, final Instant at,
                        final String causeId, final String reason, final List<LineQuantity> lines) {
        final String id = causeId + "/revoke";
        context().forward(record.withKey(orderId).withValue(new ShipmentRequestRevoked(id, at, orderId, reason, lines)));
    }

    private static List<LineQuantity> allocatedLines(final OrderState state) {
        return state.getLines().stream().filter(l -> l.getAllocated() > 0)
                .map(l -> new LineQuantity(l.getLineId(), l.getSku(), l.getAllocated())).toList();
    }

    private static boolean isSettled(final OrderLineState l) {
        return l.getAllocated() + l.getBackordered() + l.getRejected() + l.getCancelled() == l.getOrdered();
    }

    /** Every line settled, none waiting, something to ship. */
    static boolean isWhole(final OrderState state) {
        boolean anything = false;
        for (final OrderLineState l : state.getLines()) {
            final boolean settled = l.getAllocated() + l.getBackordered() + l.getRejected() + l.getCancelled()
                    == l.getOrdered();
            if (!settled || l.getBackordered() > 0) {
                return false;
            }
            anything |= l.getAllocated() > 0;
        }
        return anything;
    }

    /** What one line event changes on its line. */
    private record Change(String eventId, String orderId, String lineId, int allocated, int backordered,
                          int rejected, int cancelled) {

        int newlyAllocated() {
            return Math.max(0, allocated);
        }

        void applyTo(final OrderLineState line) {
            line.setAllocated(line.getAllocated() + allocated);
            line.setBackordered(line.getBackordered() + backordered);
            line.setRejected(line.getRejected() + rejected);
            line.setCancelled(line.getCancelled() + cancelled);
        }

        static Change of(final LineEvent event) {
            return switch (event.getEvent()) {
                case LineAllocated a -> new Change(a.getEventId(), a.getOrderId(), a.getLineId(), a.getQuantity(), 0, 0, 0);
                case LineBackordered b -> new Change(b.getEventId(), b.getOrderId(), b.getLineId(), 0, b.getQuantity(), 0, 0);
                case LineRejected r -> new Change(r.getEventId(), r.getOrderId(), r.getLineId(), 0, 0, r.getQuantity(), 0);
                case LineReleased r -> new Change(r.getEventId(), r.getOrderId(), r.getLineId(), -r.getQuantity(), 0, 0,
                        r.getQuantity());
                // units the warehouse shipped already (more than the line had allocated): settled, nothing to request
                // (counted with the units that leave the order without a shipment request, as drop-shipped ones are)
                case BackorderAllocated f when f.getShipmentMovementId() != null -> new Change(f.getEventId(),
                        f.getOrderId(), f.getLineId(), 0, -f.getQuantity(), 0, f.getQuantity());
                case BackorderAllocated f -> new Change(f.getEventId(), f.getOrderId(), f.getLineId(), f.getQuantity(),
                        -f.getQuantity(), 0, 0);
                case BackorderCancelled c -> new Change(c.getEventId(), c.getOrderId(), c.getLineId(), 0,
                        -c.getQuantity(), 0, c.getQuantity());
                // the supplier shipped it to the customer: settled, nothing for the warehouse (counted with the
                // units that leave the order without a shipment request, as cancelled ones do)
                case LineDropShipped d -> new Change(d.getEventId(), d.getOrderId(), d.getLineId(), 0,
                        -d.getQuantity(), 0, d.getQuantity());
                default -> throw new IllegalArgumentException("unknown line event " + event);
            };
        }
    }
}
