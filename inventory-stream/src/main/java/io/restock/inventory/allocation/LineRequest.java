package io.restock.inventory.allocation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order line asking a SKU for units.
 *
 * @param maxWaitDays the customer's own limit in days, or null
 */
public record LineRequest(String orderId, String lineId, int quantity, BigDecimal unitPrice, Instant placedAt,
                          int tierRank, Integer maxWaitDays) {
}
