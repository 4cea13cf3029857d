package io.restock.suppliergateway.topology;

/**
 * A supplier message the gateway accepted, in store {@code supplier-message-ids} (key
 * {@code supplierId/messageId}): the event it became and a digest of the request body, so a replay with
 * the same body answers as the first did and a different body under the same id is refused.
 */
public record RememberedMessage(String purchaseOrderId, String eventId, String kind, String requestDigest,
                                long acceptedAtMillis) {

    public static String key(final String supplierId, final String messageId) {
        return supplierId + "/" + messageId;
    }
}
