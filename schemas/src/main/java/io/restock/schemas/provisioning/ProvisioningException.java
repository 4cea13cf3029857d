package io.restock.schemas.provisioning;

/** Provisioning could not finish; the message says what to fix. */
public class ProvisioningException extends RuntimeException {

    public ProvisioningException(final String message) {
        super(message);
    }

    public ProvisioningException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
