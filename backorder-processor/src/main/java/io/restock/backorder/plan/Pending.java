package io.restock.backorder.plan;

import java.time.LocalDate;

/**
 * Units asked of a supplier that no purchase-order line includes yet (the batch is still open),
 * expected on {@code expected} (the day asked plus the offer's lead time). Negative when demand
 * disappeared before the batch closed.
 */
public record Pending(int seq, String supplierId, int quantity, LocalDate expected) {
}
