package io.restock.schemas.registry;

/** The registry has no schema with the requested id (or the subject has no such schema). */
public class UnknownSchemaException extends RegistryException {

    public UnknownSchemaException(final String message) {
        super(message);
    }
}
