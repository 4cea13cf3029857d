package io.restock.suppliergateway.answers;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.service.problem.Violation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one JSON object's fields, collecting a {@link Violation} (400) for each missing, mistyped or unknown
 * field. Getters return null for a bad field; check {@link #violations()} before using the values.
 */
final class Fields {

    static final int MAX_TEXT = 200;
    private final JsonNode node;
    private final String prefix;
    private final List<Violation> violations;

    private Fields(final JsonNode node, final String prefix, final List<Violation> violations) {
        this.node = node;
        this.prefix = prefix;
        this.violations = violations;
    }

    static Fields of(final JsonNode node, final Set<String> allowed) {
        return of(node, "", allowed, new ArrayList<>());
    }

    private static Fields of(final JsonNode node, final String prefix, final Set<String> allowed,
                             final List<Violation> violations) {
        final Fields fields = new Fields(node, prefix, violations);
        if (node == null || !node.isObject()) {
            violations.add(new Violation(prefix, "not-an-object", "expected a JSON object"));
            return fields;
        }
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                fields.add(name, "unknown-field", "not a field of this request; fields: " + allowed.stream().sorted().toList());
            }
        }
        return fields;
    }

    List<Violation> violations() {
        return violations;
    }

    void add(final String field, final String code, final String message) {
        violations.add(new Violation(prefix.isEmpty() ? field : prefix + "." + field, code, message));
    }

    private JsonNode value(final String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String text(final String name, final boolean required) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            add(name, "not-a-string", "must be a non-blank string");
            return null;
        }
        if (v.textValue().length() > MAX_TEXT) {
            add(name, "too-long", "must be at most " + MAX_TEXT + " characters");
            return null;
        }
        return v.textValue().strip();
    }

    Integer integer(final String name, final boolean required, final int min) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            add(name, "not-an-integer", "must be a whole number of units");
            return null;
        }
        if (v.intValue() < min) {
            add(name, "too-small", "must be at least " + min);
            return null;
        }
        return v.intValue();
    }

    LocalDate date(final String name, final boolean required) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        try {
            if (v.isTextual()) {
                return LocalDate.parse(v.textValue());
            }
        } catch (final DateTimeParseException e) {
            // reported below
        }
        add(name, "not-a-date", "must be an ISO date such as 2026-12-01");
        return null;
    }

    /** The objects of an array field, each read with {@code allowed}; null when absent or not an array. */
    List<Fields> objects(final String name, final boolean required, final Set<String> allowed) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isArray() || (required && v.isEmpty())) {
            add(name, "not-an-array", required ? "must be a non-empty array" : "must be an array");
            return null;
        }
        final List<Fields> items = new ArrayList<>();
        final String base = prefix.isEmpty() ? name : prefix + "." + name;
        for (int i = 0; i < v.size(); i++) {
            items.add(of(v.get(i), base + "[" + i + "]", allowed, violations));
        }
        return items;
    }

    List<String> texts(final String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            add(name, "not-an-array", "must be an array of strings");
            return null;
        }
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                add(name + "[" + i + "]", "not-a-string", "must be a string");
                return null;
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }
}
