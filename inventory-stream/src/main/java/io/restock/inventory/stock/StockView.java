package io.restock.inventory.stock;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /skus/{sku}/stock}: a SKU's position as its single writer holds it. Units (each).
 *
 * @param asOf            when the owning instance read its store (ISO-8601 instant); it holds every
 *                        input processed by then, including the last commit interval's (~100 ms) not yet committed
 * @param servedBy        the instance ({@code host:port}) that owns the SKU's partition
 * @param movementApplied only with {@code ?movementId=}: whether that warehouse movement is among the
 *                        movement ids the SKU remembers (its idempotency window)
 * @param movementDigest  only with {@code ?movementId=} of a remembered movement: the digest of the content it was
 *                        applied with ({@code MovementDigest}; empty if it was applied before digests were kept)
 * @param lineShippable   only with {@code ?orderId=&lineId=}: the units a shipment of that line may take: its open
 *                        units (allocated and still backordered: units beyond its allocation ship from what it
 *                        waits for), or for a line cancelled after its shipment request the units the cancellation
 *                        released, until shipped (0 for a line the SKU does not know); a shipment may never take
 *                        more than {@code onHand} either
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockView(String sku, int onHand, int allocated, int available, int backordered, int onOrder,
                        int inventoryPosition, String asOf, String servedBy, Boolean movementApplied,
                        String movementDigest, Integer lineShippable) {
}
