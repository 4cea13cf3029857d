package io.restock.orderintake.status;

/** The status view cannot answer right now (starting, restoring, rebalancing): answer 503 and retry. */
public final class ViewUnavailableException extends RuntimeException {

    public ViewUnavailableException(final String message, final Throwable cause) {
        super(message, cause, false, false);
    }
}
