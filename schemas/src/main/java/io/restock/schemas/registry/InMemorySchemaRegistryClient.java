package io.restock.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry that lives in the JVM: ids are handed out in order, one per distinct schema, as a real
 * registry does. It checks {@code BACKWARD}/{@code BACKWARD_TRANSITIVE} compatibility on register so
 * tests see the same refusals. For topology tests; never for a running service.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, List<Schema>> versions = new HashMap<>();
    private final Map<String, String> compatibility = new HashMap<>();

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final List<Schema> existing = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!existing.contains(schema)) {
            final List<String> problems = compatibilityProblems(subject, schema);
            if (!problems.isEmpty()) {
                throw new RegistryException("schema is incompatible with subject " + subject + ": " + problems);
            }
            existing.add(schema);
        }
        return ids.computeIfAbsent(schema, s -> {
            final int id = ids.size() + 1;
            schemas.put(id, s);
            return id;
        });
    }

    @Override
    public synchronized int lookup(final String subject, final Schema schema) {
        if (!versions.getOrDefault(subject, List.of()).contains(schema)) {
            throw new UnknownSchemaException("schema not registered under subject " + subject);
        }
        return ids.get(schema);
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemas.get(id);
        if (schema == null) {
            throw new UnknownSchemaException("no schema with id " + id);
        }
        return schema;
    }

    @Override
    public synchronized void setCompatibility(final String subject, final String level) {
        compatibility.put(subject, level);
    }

    @Override
    public synchronized String compatibility(final String subject) {
        return compatibility.getOrDefault(subject, "NONE");
    }

    @Override
    public synchronized List<String> compatibilityProblems(final String subject, final Schema schema) {
        final List<Schema> existing = versions.getOrDefault(subject, List.of());
        final String level = compatibility(subject);
        if (existing.isEmpty() || level.equals("NONE")) {
            return List.of();
        }
        final List<Schema> against = level.endsWith("_TRANSITIVE") ? existing : List.of(existing.getLast());
        final List<String> problems = new ArrayList<>();
        for (final Schema writer : against) {
            SchemaCompatibility.checkReaderWriterCompatibility(schema, writer).getResult().getIncompatibilities()
                    .forEach(i -> problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage()));
        }
        return problems;
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versions.keySet());
    }
}
