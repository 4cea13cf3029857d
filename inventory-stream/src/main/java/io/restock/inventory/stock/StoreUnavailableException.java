package io.restock.inventory.stock;

/**
 * A SKU's book cannot be read right now: the streams are starting, restoring or rebalancing, the
 * owning instance is unknown or does not answer. Answered as 503 with Retry-After, never 500.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(final String message) {
        super(message);
    }

    public StoreUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
