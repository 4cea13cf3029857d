package io.restock.backorder.procurement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One supplier's requirements gathered over a batching window (rule 8). The window opens with the
 * first requirement (at that record's time) and is due {@code window} later; closing it issues one
 * purchase order with one line per SKU: the SKU's requirements summed, then raised to the minimum
 * order quantity and rounded up to the pack size (terms of the SKU's latest requirement). A SKU whose
 * requirements sum to zero or less gets no line. The order id is the supplier plus the batch number,
 * so a replay of the same inputs issues the same ids.
 */
public final class SupplierBatch {

    private final String supplierId;
    private long openedAt;
    private long batchesIssued;
    private final Map<String, Requirement> bySku;

    public SupplierBatch(final String supplierId, final long openedAt, final long batchesIssued,
                         final Map<String, Requirement> bySku) {
        this.supplierId = supplierId;
        this.openedAt = openedAt;
        this.batchesIssued = batchesIssued;
        this.bySku = new TreeMap<>(bySku);
    }

    public static SupplierBatch empty(final String supplierId) {
        return new SupplierBatch(supplierId, -1, 0, Map.of());
    }

    public String supplierId() {
        return supplierId;
    }

    /** When the open window started (epoch millis), or -1 when nothing is gathered. */
    public long openedAt() {
        return openedAt;
    }

    public long batchesIssued() {
        return batchesIssued;
    }

    /** Per SKU: the summed quantity with the terms and seq of the latest requirement. */
    public Map<String, Requirement> requirements() {
        return Map.copyOf(bySku);
    }

    public boolean isOpen() {
        return openedAt >= 0;
    }

    /** Adds a requirement received at {@code timestamp}; the first one opens the window. */
    public void add(final Requirement requirement, final long timestamp) {
        if (!isOpen()) {
            openedAt = timestamp;
        }
        bySku.merge(requirement.sku(), requirement, (old, latest) -> new Requirement(latest.sku(), latest.supplierId(),
                Math.max(old.seq(), latest.seq()), old.quantity() + latest.quantity(), latest.minimumOrderQuantity(),
                latest.packSize(), latest.unitCost(), latest.currency(), latest.leadTimeDays(),
                old.dropShip() || latest.dropShip(), min(old, latest)));
    }

    private static java.time.LocalDate min(final Requirement a, final Requirement b) {
        if (a.requestedDate() == null) {
            return b.requestedDate();
        }
        if (b.requestedDate() == null) {
            return a.requestedDate();
        }
        return a.requestedDate().isBefore(b.requestedDate()) ? a.requestedDate() : b.requestedDate();
    }

    /** Whether the open window has run its length at {@code time} (epoch millis). */
    public boolean isDue(final long time, final Duration window) {
        return isOpen() && time >= openedAt + window.toMillis();
    }

    /**
     * Closes the window: the purchase order to issue (empty if every SKU netted to nothing), and an
     * empty batch ready for the next window. Numbering counts issued orders only.
     */
    public Optional<PurchaseOrderDraft> close() {
        final List<PurchaseOrderDraft.Line> lines = new ArrayList<>();
        String currency = null;
        for (final Requirement r : bySku.values()) {
            final int quantity = OrderQuantity.round(r.quantity(), r.minimumOrderQuantity(), r.packSize());
            if (quantity == 0) {
                continue;
            }
            currency = currency == null ? r.currency() : currency;
            lines.add(new PurchaseOrderDraft.Line(PurchaseOrderDraft.lineId(r.sku(), r.seq()), r.sku(), quantity,
                    r.unitCost(), r.requestedDate(), r.dropShip()));
        }
        bySku.clear();
        openedAt = -1;
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        batchesIssued++;
        return Optional.of(new PurchaseOrderDraft(PurchaseOrderDraft.purchaseOrderId(supplierId, batchesIssued),
                supplierId, currency, lines));
    }
}
