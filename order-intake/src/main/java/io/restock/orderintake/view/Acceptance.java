package io.restock.orderintake.view;

/**
 * How an order was accepted: the {@code OrderPlaced} event's id and time, and for HTTP submissions
 * the shop's Idempotency-Key with the SHA-256 of the request body, so a replay gets the same answer.
 *
 * @param idempotencyKey null for orders that came from the JSON topic
 * @param requestHash    hex SHA-256 of the submitted body (HTTP) or JSON event (topic)
 */
public record Acceptance(String orderId, String shopId, String eventId, long acceptedAtMillis, String idempotencyKey,
                         String requestHash) {
}
