package io.restock.inventory.allocation;

import java.util.List;
import java.util.Objects;

/**
 * The catalogue's terms for one SKU, as the allocation engine needs them.
 *
 * @param backorderable whether units beyond stock may be backordered at all
 * @param maxWaitDays   longest accepted wait for a backorder, in days; null: the shop-wide default
 * @param reorderPoint  inventory position (units, safety stock included) at or below which a shortfall is raised
 * @param targetLevel   inventory position a shortfall brings the SKU back to
 * @param handlingDays  days from stock in the warehouse to shipped
 * @param substitutes   SKUs to offer when a line is rejected, in order of preference
 */
public record SkuTerms(boolean backorderable, Integer maxWaitDays, int reorderPoint, int targetLevel,
                       int handlingDays, List<String> substitutes) {

    public SkuTerms {
        substitutes = List.copyOf(Objects.requireNonNull(substitutes, "substitutes"));
    }
}
