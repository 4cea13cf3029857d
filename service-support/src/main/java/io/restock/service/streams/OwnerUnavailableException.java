package io.restock.service.streams;

/**
 * A key's store cannot be answered right now: this instance is not RUNNING (starting, restoring,
 * rebalancing), no instance owns the key's partition, a forwarded request reached an instance that no longer
 * owns it (ownership is moving), or the owner did not answer. The HTTP answer is 503 problem+json with
 * Retry-After ({@code ProblemResponses.unavailable}), never 500.
 */
public final class OwnerUnavailableException extends RuntimeException {

    public OwnerUnavailableException(final String message) {
        super(message);
    }

    public OwnerUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
