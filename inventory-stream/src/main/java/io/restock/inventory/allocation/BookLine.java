package io.restock.inventory.allocation;

import io.restock.allocation.rules.Claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An open order line on a SKU's book: units allocated and not yet shipped, units still backordered, units a
 * supplier ships straight to the customer (drop-ship: never in the queue, never on hand). A line leaves the
 * book when none is left.
 */
public final class BookLine {

    private final String orderId;
    private final String lineId;
    private final Instant placedAt;
    private final int tierRank;
    private final BigDecimal lineValue;
    private final int ordered;
    private int allocated;
    private int backordered;
    private int shipped;
    private LocalDate promisedDate;
    private int dropShip;
    private String dropShipSupplierId;

    public BookLine(final String orderId, final String lineId, final Instant placedAt, final int tierRank,
                    final BigDecimal lineValue, final int ordered, final int allocated, final int backordered,
                    final int shipped, final LocalDate promisedDate) {
        this.orderId = orderId;
        this.lineId = lineId;
        this.placedAt = placedAt;
        this.tierRank = tierRank;
        this.lineValue = lineValue;
        this.ordered = ordered;
        this.allocated = allocated;
        this.backordered = backordered;
        this.shipped = shipped;
        this.promisedDate = promisedDate;
    }

    public BookLine(final String orderId, final String lineId, final Instant placedAt, final int tierRank,
                    final BigDecimal lineValue, final int ordered, final int allocated, final int backordered,
                    final int shipped, final LocalDate promisedDate, final int dropShip,
                    final String dropShipSupplierId) {
        this(orderId, lineId, placedAt, tierRank, lineValue, ordered, allocated, backordered, shipped, promisedDate);
        this.dropShip = dropShip;
        this.dropShipSupplierId = dropShipSupplierId;
    }

    /** Units the supplier {@link #dropShipSupplierId()} ships straight to the customer, not yet shipped. */
    public int dropShip() {
        return dropShip;
    }

    public String dropShipSupplierId() {
        return dropShipSupplierId;
    }

    public String orderId() {
        return orderId;
    }

    public String lineId() {
        return lineId;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public int tierRank() {
        return tierRank;
    }

    public BigDecimal lineValue() {
        return lineValue;
    }

    public int ordered() {
        return ordered;
    }

    public int allocated() {
        return allocated;
    }

    public int backordered() {
        return backordered;
    }

    public int shipped() {
        return shipped;
    }

    /** The line's current date: promised at acceptance, then moved by every re-projection; or null. */
    public LocalDate promisedDate() {
        return promisedDate;
    }

    boolean is(final String order, final String line) {
        return orderId.equals(order) && lineId.equals(line);
    }

    boolean isOpen() {
        return allocated > 0 || backordered > 0 || dropShip > 0;
    }

    Claim claim() {
        return new Claim(orderId, lineId, placedAt, tierRank, lineValue, backordered);
    }

    void fill(final int units) {
        backordered -= units;
        allocated += units;
    }

    void ship(final int units) {
        allocated -= units;
        shipped += units;
    }

    /** The warehouse shipped waiting units (more than the line had allocated): the line waits for fewer. */
    void shipBackordered(final int units) {
        backordered -= units;
        shipped += units;
    }

    /** Allocated units go back to the queue; a line that was not waiting takes {@code date} as its promise. */
    void unfill(final int units, final LocalDate date) {
        if (backordered == 0) {
            promisedDate = date;
        }
        allocated -= units;
        backordered += units;
    }

    void close() {
        allocated = 0;
        backordered = 0;
        dropShip = 0;
    }

    /** The units go to a supplier that ships them to the customer by {@code date}. */
    void routeDropShip(final int units, final LocalDate date, final String supplierId) {
        dropShip = units;
        dropShipSupplierId = supplierId;
        promisedDate = date;
    }

    /** The supplier shipped the drop-ship units to the customer. */
    void dropShipped() {
        shipped += dropShip;
        dropShip = 0;
    }

    /** The supplier will not ship them: the units join the SKU's queue (dated by the caller's re-projection). */
    void requeueDropShip() {
        backordered += dropShip;
        dropShip = 0;
        dropShipSupplierId = null;
    }

    void repromise(final LocalDate date) {
        promisedDate = date;
    }

    void backorder(final int units, final LocalDate date) {
        backordered = units;
        promisedDate = date;
    }
}
