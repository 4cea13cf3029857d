package io.restock.backorder.topology;

/**
 * Input that cannot be applied (a supplier message for a purchase order we never issued, or from
 * another supplier than the order's). Not a business outcome: the record goes to the dead-letter
 * topic with this exception in its headers, nothing of it is applied, processing goes on.
 */
public final class InvalidInputException extends RuntimeException {

    private final String reason;

    public InvalidInputException(final String reason, final String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
