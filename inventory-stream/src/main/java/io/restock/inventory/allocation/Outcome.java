package io.restock.inventory.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What a {@link SkuBook} operation decided, as data; the topology turns each into an event. */
public sealed interface Outcome {

    /** Units reserved for a line at order time. */
    record Allocated(String orderId, String lineId, int quantity, int orderedQuantity) implements Outcome {
    }

    /**
     * Units of a line accepted into the backorder queue, or (with {@code dropShipSupplierId}, queue position 0)
     * routed to a supplier that ships them straight to the customer by {@code promisedDate}.
     */
    record Backordered(String orderId, String lineId, int quantity, int orderedQuantity, int queuePosition,
                       LocalDate promisedDate, Instant placedAt, int tierRank, BigDecimal lineValue,
                       String dropShipSupplierId)
            implements Outcome {

        public Backordered(final String orderId, final String lineId, final int quantity, final int orderedQuantity,
                           final int queuePosition, final LocalDate promisedDate, final Instant placedAt,
                           final int tierRank, final BigDecimal lineValue) {
            this(orderId, lineId, quantity, orderedQuantity, queuePosition, promisedDate, placedAt, tierRank, lineValue,
                    null);
        }
    }

    /** A line's units were routed as drop-ship: backorder-processor is asked to order them from the supplier. */
    record DropShipRequested(String orderId, String lineId, int quantity, String supplierId, LocalDate promisedDate)
            implements Outcome {
    }

    /** The supplier shipped a drop-ship line's units straight to the customer. */
    record DropShipped(String orderId, String lineId, int quantity, String supplierId, String purchaseOrderId)
            implements Outcome {
    }

    /** Units of a line not accepted, with in-stock substitutes. */
    record Rejected(String orderId, String lineId, int quantity, Reason reason, String detail,
                    List<Substitute> substitutes) implements Outcome {
    }

    /** Allocated units of a cancelled line went back to stock. */
    record Released(String orderId, String lineId, int quantity) implements Outcome {
    }

    /** Freed or arriving units went to a waiting line. */
    record BackorderFilled(String orderId, String lineId, int quantity, int remainingBackordered) implements Outcome {
    }

    /**
     * The warehouse shipped {@code quantity} waiting units of a line (beyond its allocated units): they left the queue
     * and were shipped at once, so no shipment request is due for them.
     */
    record ShippedFromBackorder(String orderId, String lineId, int quantity, int remainingBackordered)
            implements Outcome {
    }

    /** Backordered units of a cancelled line left the queue. */
    record BackorderCancelled(String orderId, String lineId, int quantity) implements Outcome {
    }

    /** The inventory position fell to the reorder point: {@code quantity} more units are needed. */
    record ShortfallRaised(int quantity, boolean backorders, int inventoryPosition, int reorderPoint, int targetLevel,
                           LocalDate needBy, long sequence) implements Outcome {
    }

    /** A waiting line's date moved (rule 9); never said of a line that no longer waits. */
    record DateChanged(String orderId, String lineId, LocalDate previous, LocalDate next, ChangeReason reason)
            implements Outcome {
    }

    /** What moved a date: the names of {@code DateChangeReason}. */
    enum ChangeReason {
        SUPPLIER_ACKNOWLEDGED, PROMISED_DATE_CHANGED, SHIPMENT_DISPATCHED, PARTIAL_DELIVERY, STOCK_RECEIVED,
        SUPPLIER_REJECTED, CANCELLATION, PRIORITY_CHANGED, REPLANNED
    }

    /** Why a line was rejected. */
    enum Reason { NOT_BACKORDERABLE, WAIT_TOO_LONG, UNKNOWN_SKU, INVALID_QUANTITY, DUPLICATE_LINE }

    /** An in-stock SKU offered instead. */
    record Substitute(String sku, int available) {
    }
}
