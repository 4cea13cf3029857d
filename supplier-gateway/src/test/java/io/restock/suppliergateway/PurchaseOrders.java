package io.restock.suppliergateway;

import io.restock.events.LineQuantity;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Purchase-order events for tests. */
public final class PurchaseOrders {

    private PurchaseOrders() {
    }

    /** Issued with two lines: "1" (sku-a, 10 units) and "2" (sku-b, 5 units). */
    public static PurchaseOrderEvent issued(final String purchaseOrderId, final String supplierId) {
        return new PurchaseOrderEvent(PurchaseOrderIssued.newBuilder()
                .setEventId("issued-" + purchaseOrderId).setOccurredAt(Instant.parse("2026-11-20T08:00:00Z"))
                .setPurchaseOrderId(purchaseOrderId).setSupplierId(supplierId).setCurrency("EUR")
                .setLines(List.of(
                        PurchaseOrderLine.newBuilder().setLineId("1").setSku("sku-a").setQuantity(10)
                                .setUnitCost(new BigDecimal("2.5000")).setRequestedDate(LocalDate.parse("2026-12-01"))
                                .setDropShip(false).setDropShipOrderId(null).setDropShipLineId(null).build(),
                        PurchaseOrderLine.newBuilder().setLineId("2").setSku("sku-b").setQuantity(5)
                                .setUnitCost(new BigDecimal("10.0000")).setRequestedDate(null)
                                .setDropShip(false).setDropShipOrderId(null).setDropShipLineId(null).build()))
                .build());
    }

    public static PurchaseOrderEvent amended(final String purchaseOrderId, final String supplierId, final int line1) {
        return new PurchaseOrderEvent(new PurchaseOrderAmended("amended-" + purchaseOrderId,
                Instant.parse("2026-11-20T09:00:00Z"), purchaseOrderId, supplierId,
                List.of(new LineQuantity("1", "sku-a", line1)), "demand fell"));
    }

    public static PurchaseOrderEvent cancelled(final String purchaseOrderId, final String supplierId,
                                               final List<String> lineIds) {
        return new PurchaseOrderEvent(new PurchaseOrderCancelled("cancelled-" + purchaseOrderId + lineIds,
                Instant.parse("2026-11-20T10:00:00Z"), purchaseOrderId, supplierId, lineIds, "not needed"));
    }
}
