package io.restock.inventory.allocation;

/**
 * A SKU's stock position. {@code onOrder} counts units on purchase orders and units already asked
 * for by a raised shortfall; {@code inventoryPosition = onHand + onOrder - allocated - backordered}.
 */
public record Level(int onHand, int allocated, int backordered, int onOrder) {

    public int available() {
        return onHand - allocated;
    }

    public int inventoryPosition() {
        return onHand + onOrder - allocated - backordered;
    }
}
