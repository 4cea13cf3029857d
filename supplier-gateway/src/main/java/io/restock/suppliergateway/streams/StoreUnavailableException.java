package io.restock.suppliergateway.streams;

/** A store cannot be read now (starting, restoring, rebalancing): the HTTP answer is 503 with Retry-After. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
