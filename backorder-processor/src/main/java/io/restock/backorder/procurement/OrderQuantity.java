package io.restock.backorder.procurement;

/** Rule 8's quantity: at least the minimum order quantity, rounded up to whole packs. */
public final class OrderQuantity {

    private OrderQuantity() {
    }

    /** The units to order for a need of {@code units} (&gt; 0); 0 when nothing is needed. */
    public static int round(final int units, final int minimumOrderQuantity, final int packSize) {
        if (units <= 0) {
            return 0;
        }
        final int atLeast = Math.max(units, Math.max(1, minimumOrderQuantity));
        final int pack = Math.max(1, packSize);
        return Math.ceilDiv(atLeast, pack) * pack;
    }
}
