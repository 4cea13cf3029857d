package io.restock.inventory.allocation;

/** Units available of other SKUs, for offering substitutes. */
@FunctionalInterface
public interface StockLookup {

    /** Units available now (on hand minus allocated), 0 if unknown. */
    int available(String sku);
}
