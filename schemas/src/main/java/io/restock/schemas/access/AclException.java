package io.restock.schemas.access;

/** ACLs could not be read or changed; the message says why in the operator's terms. */
public final class AclException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AclException(final String message) {
        super(message);
    }

    AclException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
