package io.restock.backorder.procurement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A purchase order a closed batch issues: one supplier, one line per SKU. */
public record PurchaseOrderDraft(String purchaseOrderId, String supplierId, String currency, List<Line> lines) {

    /** A line: {@code quantity} is the rounded order quantity. */
    public record Line(String lineId, String sku, int quantity, BigDecimal unitCost, LocalDate requestedDate,
                       boolean dropShip) {
    }

    /** The line id of a SKU's line that includes the SKU's requirements up to {@code seq}: {@code sku~seq}. */
    public static String lineId(final String sku, final int seq) {
        return sku + "~" + seq;
    }

    /** The last requirement seq a line id includes, or 0 if the id is not one of ours. */
    public static int coveredSeq(final String lineId) {
        final int tilde = lineId.lastIndexOf('~');
        if (tilde < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(lineId.substring(tilde + 1));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }

    /** Deterministic purchase-order id: the supplier and its batch number. */
    public static String purchaseOrderId(final String supplierId, final long batchNumber) {
        return "PO-" + supplierId + "-" + batchNumber;
    }
}
