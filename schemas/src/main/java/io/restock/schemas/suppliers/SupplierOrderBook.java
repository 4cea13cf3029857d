package io.restock.schemas.suppliers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The purchase orders a supplier knows of, kept from the documents Restock sends it: JSON
 * {@code restock.purchase-order-event.v1}, the value on {@code suppliers.<id>.purchase-orders} and the body of a
 * purchase-order webhook (supplier-gateway/README.md). Each document is applied once, by its {@code eventId}:
 * {@code PurchaseOrderIssued} opens an order with its lines, {@code PurchaseOrderAmended} sets the quantity of each
 * line it names, {@code PurchaseOrderCancelled} cancels the lines it names (every line when it names none); other
 * event types are ignored, as the contract asks. For Restock's simulated suppliers (the demo's and the fault
 * verifier's), which answer what they were sent; safe to use from several threads.
 *
 * @param <L> the supplier's line: {@link Line}, or a subclass with what the supplier tracks of its own
 */
public final class SupplierOrderBook<L extends SupplierOrderBook.Line> {

    /** A purchase-order line as the supplier knows it: Restock's amendments and cancellations applied. */
    public static class Line {
        private final String lineId;
        private final String sku;
        private volatile int quantity;
        private volatile boolean cancelled;

        public Line(final String lineId, final String sku, final int quantity) {
            this.lineId = lineId;
            this.sku = sku;
            this.quantity = quantity;
        }

        public final String lineId() {
            return lineId;
        }

        public final String sku() {
            return sku;
        }

        /** Units ordered, as last amended. */
        public final int quantity() {
            return quantity;
        }

        /** Whether Restock cancelled the line. */
        public final boolean cancelled() {
            return cancelled;
        }
    }

    /** A purchase order: its id, its supplier and its lines by line id, in the document's order. */
    public record Order<T>(String id, String supplierId, Map<String, T> lines) {
    }

    /** Makes the supplier's line for a line of an issued order, or returns null to leave the line out. */
    @FunctionalInterface
    public interface LineMaker<T> {
        T line(String lineId, String sku, int quantity, boolean dropShip);
    }

    private final LineMaker<L> lineMaker;
    private final Map<String, Order<L>> orders = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public SupplierOrderBook(final LineMaker<L> lineMaker) {
        this.lineMaker = lineMaker;
    }

    /**
     * Applies one document, unless a document with its event id was applied already. An order issued that the book
     * did not know yet is handed to {@code issued}.
     *
     * @return false when the document was applied before (nothing was done)
     */
    public boolean apply(final JsonNode document, final Consumer<Order<L>> issued) {
        if (!seen.add(document.path("eventId").asText())) {
            return false;
        }
        final String id = document.path("purchaseOrderId").asText();
        switch (document.path("eventType").asText()) {
            case "PurchaseOrderIssued" -> {
                final Map<String, L> lines = new LinkedHashMap<>();
                document.path("lines").forEach(l -> {
                    final L line = lineMaker.line(l.path("lineId").asText(), l.path("sku").asText(),
                            l.path("quantity").asInt(), l.path("dropShip").asBoolean(false));
                    if (line != null) {
                        lines.put(line.lineId(), line);
                    }
                });
                final Order<L> order = new Order<>(id, document.path("supplierId").asText(), lines);
                if (orders.putIfAbsent(id, order) == null) {
                    issued.accept(order);
                }
            }
            case "PurchaseOrderAmended" -> {
                final Order<L> order = orders.get(id);
                if (order != null) {
                    document.path("lines").forEach(l -> {
                        final Line line = order.lines().get(l.path("lineId").asText());
                        if (line != null) {
                            line.quantity = l.path("quantity").asInt();
                        }
                    });
                }
            }
            case "PurchaseOrderCancelled" -> {
                final Order<L> order = orders.get(id);
                if (order != null) {
                    final Set<String> ids = new HashSet<>();
                    document.path("lineIds").forEach(lineId -> ids.add(lineId.asText()));
                    for (final Line line : order.lines().values()) {
                        if (ids.isEmpty() || ids.contains(line.lineId)) {
                            line.cancelled = true;
                        }
                    }
                }
            }
            default -> {
                // a newer event type: ignored, as the contract asks
            }
        }
        return true;
    }

    /** Purchase orders issued so far. */
    public int orders() {
        return orders.size();
    }
}
