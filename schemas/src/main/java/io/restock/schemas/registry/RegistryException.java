package io.restock.schemas.registry;

/** The registry could not be reached or refused a request; the message says which and why. */
public class RegistryException extends RuntimeException {

    public RegistryException(final String message) {
        super(message);
    }

    public RegistryException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
