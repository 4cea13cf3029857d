package io.restock.schemas.registry;

import org.apache.avro.Schema;

import java.util.List;

/**
 * The few schema registry operations Restock needs, in the Confluent-compatible REST API's terms.
 *
 * <p>Two implementations: {@link HttpSchemaRegistryClient} talks to a real registry (Apicurio's
 * {@code /apis/ccompat/v7}, or Confluent's); {@link InMemorySchemaRegistryClient} keeps everything in
 * the JVM, for topology tests that must not need a registry.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; throws if it is not. */
    int lookup(String subject, Schema schema);

    /** The schema with this global id; throws {@link UnknownSchemaException} if there is none. */
    Schema schemaById(int id);

    /** Sets the subject's compatibility level, e.g. {@code BACKWARD_TRANSITIVE}. */
    void setCompatibility(String subject, String level);

    /** The subject's own compatibility level, or the registry's global one when it has none. */
    String compatibility(String subject);

    /** Why the schema could not be registered under the subject; empty when it could. */
    List<String> compatibilityProblems(String subject, Schema schema);

    /** The subjects the registry knows. */
    List<String> subjects();
}
