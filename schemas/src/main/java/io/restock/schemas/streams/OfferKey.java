package io.restock.schemas.streams;

import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.topics.Topics;

/**
 * The key of a {@code catalog.supplier-offers} record as a topology reads it back to re-key the offer by SKU: the
 * supplier and the SKU of {@link Topics#offerKey(String, String)}.
 */
public record OfferKey(String supplierId, String sku) {

    /**
     * The supplier and SKU of an offer's key.
     *
     * @throws InvalidInputException ({@code INVALID_KEY}) for a key that is not {@code supplierId/sku}: the record
     *                               is dead-lettered
     */
    public static OfferKey parse(final String key) {
        final int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new InvalidInputException("INVALID_KEY", "supplier offer key is not supplierId/sku: " + key);
        }
        return new OfferKey(key.substring(0, slash), key.substring(slash + 1));
    }
}
