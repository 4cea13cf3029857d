package io.restock.allocation.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One order line waiting for units of a SKU: what the priority rule ranks and the date projection
 * walks.
 *
 * @param orderId   the order; second tie-break
 * @param lineId    the line within the order; third tie-break
 * @param placedAt  when the order was placed; first tie-break and the start of the waiting time
 * @param tierRank  the customer's tier as a rank, 0 for the lowest (STANDARD) upwards
 * @param lineValue unit price times ordered quantity, in the order's currency
 * @param quantity  units still waiting (&gt; 0)
 */
public record Claim(String orderId, String lineId, Instant placedAt, int tierRank, BigDecimal lineValue, int quantity) {

    public Claim {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(lineValue, "lineValue");
        if (tierRank < 0) {
            throw new IllegalArgumentException("tierRank must be >= 0: " + tierRank);
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0: " + quantity);
        }
    }

    /** The same claim with another waiting quantity. */
    public Claim withQuantity(final int newQuantity) {
        return new Claim(orderId, lineId, placedAt, tierRank, lineValue, newQuantity);
    }
}
