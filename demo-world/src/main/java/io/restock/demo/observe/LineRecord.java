package io.restock.demo.observe;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** What the events said about one order line, for the KPIs. Mutated only under the ledger's lock. */
public final class LineRecord {

    final String orderId;
    final String lineId;
    final String sku;
    final int ordered;
    final BigDecimal unitPrice;
    int allocatedAtOrder;
    int backordered;
    int rejected;
    String rejectionReason;
    int filled;
    int cancelled;
    int shipped;
    Instant openedAt;
    Instant filledAt;
    LocalDate firstPromise;
    LocalDate lastPromise;
    /** The simulated days the first and the latest promise stand for (see {@code SimClock.dueDay}). */
    double firstDueDay = Double.NaN;
    double lastDueDay = Double.NaN;
    int dateChanges;

    LineRecord(final String orderId, final String lineId, final String sku, final int ordered, final BigDecimal unitPrice) {
        this.orderId = orderId;
        this.lineId = lineId;
        this.sku = sku;
        this.ordered = ordered;
        this.unitPrice = unitPrice;
    }

    /** Units still waiting for stock. */
    int openBackordered() {
        return Math.max(0, backordered - filled - cancelled);
    }

    boolean wasBackordered() {
        return backordered > 0;
    }

    public String orderId() {
        return orderId;
    }

    public String lineId() {
        return lineId;
    }
}
