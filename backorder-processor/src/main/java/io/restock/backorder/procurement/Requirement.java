package io.restock.backorder.procurement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Units of one SKU a SKU's plan asks one supplier for, with the offer terms the batch needs to size
 * the line. {@code seq} numbers the SKU's requirements (1, 2, ...); the purchase-order line that
 * includes requirement {@code seq} says so in its line id (see {@link PurchaseOrderDraft#lineId}),
 * which is how the plan learns which of its requirements were ordered. {@code quantity} is negative
 * when demand disappeared before the batch closed.
 */
public record Requirement(String sku, String supplierId, int seq, int quantity, int minimumOrderQuantity, int packSize,
                          BigDecimal unitCost, String currency, int leadTimeDays, boolean dropShip,
                          LocalDate requestedDate) {
}
