package io.restock.backorder.topology;

import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SupplierEvent;

/** What the purchase-order step merges: our own purchase-order events read back, and supplier answers. */
sealed interface PurchaseOrderInput {

    record Ours(PurchaseOrderEvent value) implements PurchaseOrderInput {
    }

    record Supplier(SupplierEvent value) implements PurchaseOrderInput {
    }
}
