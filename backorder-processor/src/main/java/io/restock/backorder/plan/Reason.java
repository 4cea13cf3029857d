package io.restock.backorder.plan;

/** Why dates were re-projected; the names are those of the {@code DateChangeReason} event enum. */
public enum Reason {
    SUPPLIER_ACKNOWLEDGED, PROMISED_DATE_CHANGED, SHIPMENT_DISPATCHED, PARTIAL_DELIVERY, STOCK_RECEIVED,
    SUPPLIER_REJECTED, CANCELLATION, PRIORITY_CHANGED, REPLANNED
}
