package io.restock.inventory.topology;

/**
 * Keys of the stores that hold several entries per SKU ({@code sku-lines}, {@code sku-movement-ids}).
 * Every part is written as {@code <length>:<text>}, so a SKU's entries share the prefix
 * {@link #of(String)} and no other SKU's key starts with it, whatever characters the ids hold; a
 * prefix scan finds exactly one SKU's entries. Readable in a store dump: {@code 5:sku-a/3:o-1/1:1}.
 */
public final class SkuKeys {

    private SkuKeys() {
    }

    /** The prefix every entry of {@code sku} starts with. */
    public static String of(final String sku) {
        return part(new StringBuilder(sku.length() + 4), sku).append('/').toString();
    }

    /** An open line of the SKU. */
    public static String line(final String sku, final String orderId, final String lineId) {
        final StringBuilder key = new StringBuilder(sku.length() + orderId.length() + lineId.length() + 12);
        part(key, sku).append('/');
        part(key, orderId).append('/');
        return part(key, lineId).toString();
    }

    /** A remembered movement id of the SKU (value: the slot it occupies). */
    public static String movement(final String sku, final String movementId) {
        return part(new StringBuilder(of(sku)).append("id/"), movementId).toString();
    }

    /** One of the SKU's {@code bound} slots of remembered movement ids (value: the id in it). */
    public static String movementSlot(final String sku, final long slot) {
        return of(sku) + "slot/" + slot;
    }

    private static StringBuilder part(final StringBuilder key, final String text) {
        return key.append(text.length()).append(':').append(text);
    }
}
