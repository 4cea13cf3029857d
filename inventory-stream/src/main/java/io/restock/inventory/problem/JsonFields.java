package io.restock.inventory.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.service.problem.Violation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object and collects a {@link Violation} for each one that is missing,
 * of the wrong type or out of range, and for each field the object should not have (so a typo such
 * as {@code qty} is an error, not a silently ignored field). Getters return null for a bad field;
 * callers check {@link #violations()} before using the values.
 */
public final class JsonFields {

    private final JsonNode node;
    private final List<Violation> violations = new ArrayList<>();

    private JsonFields(final JsonNode node) {
        this.node = node;
    }

    /** Reads {@code node}, which must be an object with no fields beyond {@code allowed}. */
    public static JsonFields of(final JsonNode node, final Set<String> allowed) {
        final JsonFields fields = new JsonFields(node);
        if (node == null || !node.isObject()) {
            fields.violations.add(new Violation("", "not-an-object", "expected a JSON object"));
            return fields;
        }
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                fields.violations.add(new Violation(name, "unknown-field", "not a field of this request; fields: "
                        + allowed.stream().sorted().toList()));
            }
        }
        return fields;
    }

    public List<Violation> violations() {
        return violations;
    }

    public void add(final String field, final String code, final String message) {
        violations.add(new Violation(field, code, message));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    private JsonNode value(final String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public String text(final String name, final boolean required, final int maxLength) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            add(name, "not-a-string", "must be a string");
            return null;
        }
        final String s = v.textValue().strip();
        if (s.isEmpty()) {
            if (required) {
                add(name, "required", "must not be blank");
            }
            return null;
        }
        if (s.length() > maxLength) {
            add(name, "too-long", "must be at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    public Integer integer(final String name, final boolean required) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            add(name, "not-an-integer", "must be a whole number of units (32-bit)");
            return null;
        }
        return v.intValue();
    }

    public Boolean bool(final String name, final boolean required) {
        final JsonNode v = value(name);
        if (v == null) {
            if (required) {
                add(name, "required", "is required");
            }
            return null;
        }
        if (!v.isBoolean()) {
            add(name, "not-a-boolean", "must be true or false");
            return null;
        }
        return v.booleanValue();
    }

    public Instant instant(final String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        try {
            if (v.isTextual()) {
                return Instant.parse(v.textValue());
            }
        } catch (final DateTimeParseException e) {
            // reported below
        }
        add(name, "not-an-instant", "must be an ISO-8601 instant such as 2026-11-20T08:00:00Z");
        return null;
    }

    /** A list of strings; null when absent. */
    public List<String> textList(final String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            add(name, "not-an-array", "must be an array of strings");
            return null;
        }
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            final JsonNode item = v.get(i);
            if (!item.isTextual()) {
                add(name + "[" + i + "]", "not-a-string", "must be a string");
                return null;
            }
            out.add(item.textValue().strip());
        }
        return out;
    }
}
