package io.restock.suppliergateway.purchaseorders;

import java.util.List;
import java.util.Optional;

/**
 * What the gateway knows of one purchase order, folded from {@code procurement.purchase-orders}: enough
 * to show it to its supplier and to check answers (owner, lines, ordered quantities, cancellations).
 *
 * @param issuedAtMillis when it was issued (epoch millis)
 * @param cancelled      the whole order was cancelled
 */
public record PurchaseOrderView(String purchaseOrderId, String supplierId, String currency, long issuedAtMillis,
                                boolean cancelled, List<Line> lines, String lastEventId) {

    public PurchaseOrderView {
        lines = List.copyOf(lines);
    }

    /**
     * One line.
     *
     * @param unitCost      decimal as text ({@code "2.5000"})
     * @param requestedDate ISO date or null
     */
    public record Line(String lineId, String sku, int quantity, String unitCost, String requestedDate,
                       boolean cancelled) {
    }

    public Optional<Line> line(final String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }
}
