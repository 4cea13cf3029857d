package io.restock.backorder.procurement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one supplier offers for one SKU (a row of {@code catalog.supplier-offers}).
 *
 * @param leadTimeDays         days from purchase order to arrival at the warehouse
 * @param minimumOrderQuantity units; a purchase-order line is never smaller
 * @param packSize             units per pack; a line is a whole number of packs
 * @param reliability          the catalogue's share of deliveries on time, 0..1
 */
public record Offer(String supplierId, String sku, int leadTimeDays, BigDecimal unitCost, String currency,
                    int minimumOrderQuantity, int packSize, boolean dropShip, double reliability, boolean active) {

    public Offer {
        Objects.requireNonNull(supplierId, "supplierId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitCost, "unitCost");
        Objects.requireNonNull(currency, "currency");
        if (leadTimeDays < 0 || minimumOrderQuantity < 1 || packSize < 1) {
            throw new IllegalArgumentException("leadTimeDays >= 0, minimumOrderQuantity >= 1, packSize >= 1");
        }
    }
}
