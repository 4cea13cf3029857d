package io.restock.orderintake.view;

import java.math.BigDecimal;
import java.util.List;

/**
 * What is known about one order line, folded from line events. Quantities are units.
 *
 * @param promisedDate ISO date of the current delivery promise for the backordered part, or null
 * @param dropShipped  units a supplier shipped straight to the customer (a drop-ship line, {@code LineDropShipped})
 */
public record LineView(String lineId, String sku, int ordered, BigDecimal unitPrice, int allocated, int backordered,
                       int rejected, int released, int backorderCancelled, String promisedDate, Integer queuePosition,
                       String rejectionReason, String rejectionDetail, List<SubstituteView> substitutes,
                       boolean cancellationRequested, int dropShipped) {

    public LineView(final String lineId, final String sku, final int ordered, final BigDecimal unitPrice,
                    final int allocated, final int backordered, final int rejected, final int released,
                    final int backorderCancelled, final String promisedDate, final Integer queuePosition,
                    final String rejectionReason, final String rejectionDetail, final List<SubstituteView> substitutes,
                    final boolean cancellationRequested) {
        this(lineId, sku, ordered, unitPrice, allocated, backordered, rejected, released, backorderCancelled,
                promisedDate, queuePosition, rejectionReason, rejectionDetail, substitutes, cancellationRequested, 0);
    }

    /** A substitute SKU offered for a rejected line. */
    public record SubstituteView(String sku, int available) {
    }

    static LineView unknown(final String lineId, final String sku) {
        return new LineView(lineId, sku, 0, null, 0, 0, 0, 0, 0, null, null, null, null, List.of(), false, 0);
    }

    /** Whether no unit of the line is still waiting for a decision or for stock. */
    boolean settled() {
        return backordered == 0 && allocated + rejected + released + backorderCancelled + dropShipped >= ordered;
    }

    /** The line's status; {@code shipsNow} tells whether its allocated units may ship (see {@link OrderView}). */
    public LineStatus status(final boolean shipsNow) {
        final boolean decided = allocated + backordered + rejected + released + backorderCancelled + dropShipped > 0;
        if (cancellationRequested) {
            return decided && allocated == 0 && backordered == 0
                    ? LineStatus.CANCELLED : LineStatus.CANCELLATION_REQUESTED;
        }
        if (!decided) {
            return LineStatus.PENDING;
        }
        if (backordered > 0) {
            return LineStatus.BACKORDERED;
        }
        if (allocated > 0) {
            return shipsNow ? LineStatus.READY_TO_SHIP : LineStatus.ALLOCATED;
        }
        if (dropShipped > 0) {
            return LineStatus.SHIPPED;
        }
        return rejected > 0 ? LineStatus.REJECTED : LineStatus.CANCELLED;
    }

    /** The supplier shipped {@code quantity} waiting units straight to the customer. */
    LineView withDropShipped(final int quantity) {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, Math.max(0, backordered - quantity), rejected,
                released, backorderCancelled, backordered - quantity > 0 ? promisedDate : null, queuePosition,
                rejectionReason, rejectionDetail, substitutes, cancellationRequested, dropShipped + quantity);
    }

    LineView withAllocated(final int newAllocated) {
        return new LineView(lineId, sku, ordered, unitPrice, Math.max(0, newAllocated), backordered, rejected, released,
                backorderCancelled, promisedDate, queuePosition, rejectionReason, rejectionDetail, substitutes,
                cancellationRequested, dropShipped);
    }

    LineView withBackordered(final int newBackordered, final String newPromisedDate, final Integer newQueuePosition) {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, Math.max(0, newBackordered), rejected, released,
                backorderCancelled, newPromisedDate, newQueuePosition, rejectionReason, rejectionDetail, substitutes,
                cancellationRequested, dropShipped);
    }

    LineView withRejected(final int quantity, final String reason, final String detail,
                          final List<SubstituteView> offered) {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, backordered, rejected + quantity, released,
                backorderCancelled, promisedDate, queuePosition, reason, detail, List.copyOf(offered),
                cancellationRequested, dropShipped);
    }

    LineView withReleased(final int quantity) {
        return new LineView(lineId, sku, ordered, unitPrice, Math.max(0, allocated - quantity), backordered, rejected,
                released + quantity, backorderCancelled, promisedDate, queuePosition, rejectionReason,
                rejectionDetail, substitutes, cancellationRequested, dropShipped);
    }

    LineView withBackorderCancelled(final int quantity) {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, Math.max(0, backordered - quantity), rejected,
                released, backorderCancelled + quantity, promisedDate, queuePosition, rejectionReason,
                rejectionDetail, substitutes, cancellationRequested, dropShipped);
    }

    LineView withPromisedDate(final String date) {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, backordered, rejected, released,
                backorderCancelled, date, queuePosition, rejectionReason, rejectionDetail, substitutes,
                cancellationRequested, dropShipped);
    }

    LineView withCancellationRequested() {
        return new LineView(lineId, sku, ordered, unitPrice, allocated, backordered, rejected, released,
                backorderCancelled, promisedDate, queuePosition, rejectionReason, rejectionDetail, substitutes, true, dropShipped);
    }

    LineView withOrder(final String orderedSku, final int orderedQuantity, final BigDecimal price) {
        return new LineView(lineId, orderedSku, orderedQuantity, price, allocated, backordered, rejected, released,
                backorderCancelled, promisedDate, queuePosition, rejectionReason, rejectionDetail, substitutes,
                cancellationRequested, dropShipped);
    }
}
