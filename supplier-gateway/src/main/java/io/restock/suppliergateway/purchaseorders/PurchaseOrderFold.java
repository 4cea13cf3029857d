package io.restock.suppliergateway.purchaseorders;

import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.LineQuantity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds purchase-order events into a {@link PurchaseOrderView}. Issued starts (or replaces) a view;
 * Amended changes quantities of the named lines; Cancelled cancels the named lines, or with no line
 * ids the whole order. An amendment or cancellation of an order never issued leaves nothing (null);
 * an event naming another supplier than the view's is refused (it would move ownership).
 */
public final class PurchaseOrderFold {

    private PurchaseOrderFold() {
    }

    public static PurchaseOrderView apply(final PurchaseOrderView current, final PurchaseOrderEvent envelope) {
        return switch (envelope.getEvent()) {
            case PurchaseOrderIssued issued -> issued(issued);
            case PurchaseOrderAmended amended -> current == null ? null : amended(owned(current, amended.getSupplierId()), amended);
            case PurchaseOrderCancelled cancelled -> current == null ? null : cancelled(owned(current, cancelled.getSupplierId()), cancelled);
            default -> throw new IllegalArgumentException("unknown purchase-order event " + envelope.getEvent().getClass());
        };
    }

    private static PurchaseOrderView owned(final PurchaseOrderView view, final String supplierId) {
        if (!view.supplierId().equals(supplierId)) {
            throw new IllegalArgumentException("purchase order " + view.purchaseOrderId() + " belongs to "
                    + view.supplierId() + ", an event names " + supplierId);
        }
        return view;
    }

    private static PurchaseOrderView issued(final PurchaseOrderIssued e) {
        final List<PurchaseOrderView.Line> lines = e.getLines().stream().map(PurchaseOrderFold::line).toList();
        return new PurchaseOrderView(e.getPurchaseOrderId(), e.getSupplierId(), e.getCurrency(),
                e.getOccurredAt().toEpochMilli(), false, lines, e.getEventId());
    }

    private static PurchaseOrderView.Line line(final PurchaseOrderLine l) {
        return new PurchaseOrderView.Line(l.getLineId(), l.getSku(), l.getQuantity(), l.getUnitCost().toPlainString(),
                l.getRequestedDate() == null ? null : l.getRequestedDate().toString(), false);
    }

    private static PurchaseOrderView amended(final PurchaseOrderView view, final PurchaseOrderAmended e) {
        final Map<String, Integer> quantities = new HashMap<>();
        for (final LineQuantity q : e.getLines()) {
            quantities.put(q.getLineId(), q.getQuantity());
        }
        final List<PurchaseOrderView.Line> lines = view.lines().stream().map(l -> quantities.containsKey(l.lineId())
                ? new PurchaseOrderView.Line(l.lineId(), l.sku(), quantities.get(l.lineId()), l.unitCost(),
                l.requestedDate(), l.cancelled())
                : l).toList();
        return new PurchaseOrderView(view.purchaseOrderId(), view.supplierId(), view.currency(), view.issuedAtMillis(),
                view.cancelled(), lines, e.getEventId());
    }

    private static PurchaseOrderView cancelled(final PurchaseOrderView view, final PurchaseOrderCancelled e) {
        final boolean whole = e.getLineIds().isEmpty();
        final Set<String> ids = new HashSet<>(e.getLineIds());
        final List<PurchaseOrderView.Line> lines = view.lines().stream().map(l -> whole || ids.contains(l.lineId())
                ? new PurchaseOrderView.Line(l.lineId(), l.sku(), l.quantity(), l.unitCost(), l.requestedDate(), true)
                : l).toList();
        final boolean allCancelled = lines.stream().allMatch(PurchaseOrderView.Line::cancelled);
        return new PurchaseOrderView(view.purchaseOrderId(), view.supplierId(), view.currency(), view.issuedAtMillis(),
                whole || allCancelled, lines, e.getEventId());
    }
}
