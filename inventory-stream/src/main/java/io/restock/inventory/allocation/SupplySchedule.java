package io.restock.inventory.allocation;

import io.restock.allocation.rules.InboundLine;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The SKU's supply as backorder-processor, its owner, last published it ({@code promises.sku-supply}):
 * the inbound lines, the supplier new demand would go to now (or none) and whether it drop-ships, which
 * suppliers' offers that choice weighed, the drop-ship lines, its on-order count and the highest shortfall
 * sequence it has netted.
 *
 * @param nextSupplierId   null when no supplier would take new demand (every one rejected or none offers)
 * @param nextLeadTimeDays the lead time of {@code nextSupplierId}, or null
 * @param onOrder          open purchase-order units not yet received plus planned requirements, as the owner counts them
 * @param appliedThrough   shortfalls of this SKU up to this sequence are in it
 * @param nextDropShips    {@code nextSupplierId} ships a new backorder straight to the customer
 * @param weighed          the suppliers whose offers the choice of the next supplier considered; null from a
 *                         writer that did not say (then a schedule without a next supplier means "none")
 * @param dropShips        the drop-ship lines (customer lines on a supplier's drop-ship purchase-order line)
 */
public record SupplySchedule(List<InboundLine> lines, String nextSupplierId, Integer nextLeadTimeDays, int onOrder,
                             long appliedThrough, boolean nextDropShips, List<String> weighed,
                             List<DropShip> dropShips) {

    public SupplySchedule {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        weighed = weighed == null ? null : List.copyOf(weighed);
        dropShips = dropShips == null ? List.of() : List.copyOf(dropShips);
    }

    public SupplySchedule(final List<InboundLine> lines, final String nextSupplierId, final Integer nextLeadTimeDays,
                          final int onOrder, final long appliedThrough) {
        this(lines, nextSupplierId, nextLeadTimeDays, onOrder, appliedThrough, false, null, List.of());
    }

    /** What the supplier side says of one drop-ship customer line. */
    public enum DropShipStatus { ORDERED, SHIPPED, REJECTED }

    /** One customer line a supplier ships straight to the customer, as the schedule lists it. */
    public record DropShip(String orderId, String lineId, String supplierId, String purchaseOrderId,
                           String purchaseOrderLineId, int quantity, LocalDate expected, int shipped,
                           DropShipStatus status) {
    }

    /** Whether a receipt names a drop-ship purchase-order line (the supplier ships those to customers). */
    public boolean isDropShipLine(final String purchaseOrderId, final String purchaseOrderLineId) {
        return dropShips.stream().anyMatch(d -> d.purchaseOrderId().equals(purchaseOrderId)
                && d.purchaseOrderLineId().equals(purchaseOrderLineId));
    }
}
