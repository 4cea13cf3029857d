package io.restock.inventory.allocation;

import io.restock.allocation.rules.InboundLine;

import java.util.List;
import java.util.Objects;

/**
 * The SKU's supply as backorder-processor, its owner, last published it ({@code promises.sku-supply}):
 * the inbound lines, the supplier new demand would go to now (or none), its on-order count and the
 * highest shortfall sequence it has netted.
 *
 * @param nextSupplierId   null when no supplier would take new demand (every one rejected or none offers)
 * @param nextLeadTimeDays the lead time of {@code nextSupplierId}, or null
 * @param onOrder          open purchase-order units not yet received plus planned requirements, as the owner counts them
 * @param appliedThrough   shortfalls of this SKU up to this sequence are in it
 */
public record SupplySchedule(List<InboundLine> lines, String nextSupplierId, Integer nextLeadTimeDays, int onOrder,
                             long appliedThrough) {

    public SupplySchedule {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
