package io.restock.schemas.deadletter;

/**
 * Input a streams processor cannot apply as it stands (a shipment of more than its line has open, a cancellation of a
 * line the order never had, a supplier message for a purchase order never issued, a record without its key). Not a
 * business outcome: the processor throws it before changing any state, {@link DeadLetterExceptionHandler} writes the
 * record to the dead-letter topic with this exception in its headers, nothing of it is applied, and processing goes
 * on. The message starts with {@link #reason()}.
 */
public final class InvalidInputException extends RuntimeException {

    private final String reason;

    public InvalidInputException(final String reason, final String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /** A short machine-readable reason, e.g. {@code UNKNOWN_LINE}. */
    public String reason() {
        return reason;
    }
}
