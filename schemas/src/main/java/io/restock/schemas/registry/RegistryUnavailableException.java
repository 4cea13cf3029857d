package io.restock.schemas.registry;

/**
 * The registry could not answer now: not reachable, timed out, or a 5xx. Unlike a refusal or an unknown schema,
 * trying again later can succeed, so a record that met it is not bad and must not be dead-lettered.
 */
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(final String message) {
        super(message);
    }

    public RegistryUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** Whether this failure, or one of its causes, is the registry being unavailable. */
    public static boolean isCauseOf(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
