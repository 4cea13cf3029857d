package io.restock.service.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.service.problem.Violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object of a request and collects a {@link Violation} for each one
 * that is missing, of the wrong type or out of range, and for each field the object should not have
 * (so a typo such as {@code qty} is an error, not a silently ignored field). Getters return null for
 * a bad field; callers check {@link #violations()} before using the values. Nested objects
 * ({@link #objects}) share the violations, named by path ({@code lines[2].quantity}).
 *
 * <p>Codes: {@code not-an-object}, {@code unknown-field}, {@code required}, {@code not-a-string},
 * {@code too-long}, {@code not-an-integer}, {@code out-of-range}, {@code not-a-boolean},
 * {@code not-an-instant}, {@code not-a-date}, {@code not-an-array}, {@code invalid-money}.
 */
public final class JsonFields {

    /** The longest text {@link #text(String, boolean)} accepts. */
    public static final int MAX_TEXT = 200;

    private final JsonNode node;
    private final String prefix;
    private final List<Violation> violations;

    private JsonFields(final JsonNode node, final String prefix, final List<Violation> violations) {
        this.node = node;
        this.prefix = prefix;
        this.violations = violations;
    }

    /** Reads {@code node}, which must be an object with no fields beyond {@code allowed}. */
    public static JsonFields of(final JsonNode node, final Set<String> allowed) {
        return of(node, "", allowed, new ArrayList<>());
    }

    private static JsonFields of(final JsonNode node, final String prefix, final Set<String> allowed,
                                 final List<Violation> violations) {
        final JsonFields fields = new JsonFields(node, prefix, violations);
        if (node == null || !node.isObject()) {
            violations.add(new Violation(prefix, "not-an-object", "expected a JSON object"));
            return fields;
        }
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                fields.add(name, "unknown-field", "not a field of this request; fields: "
                        + allowed.stream().sorted().toList());
            }
        }
        return fields;
    }

    /** Every violation found so far, in this object and the nested ones. */
    public List<Violation> violations() {
        return violations;
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** Adds a violation of field {@code field} of this object (named with this object's path). */
    public void add(final String field, final String code, final String message) {
        violations.add(new Violation(prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field,
                code, message));
    }

    private JsonNode value(final String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether the field is present and not null. */
    public boolean has(final String name) {
        return value(name) != null;
    }

    private boolean missing(final String name, final boolean required) {
        if (required) {
            add(name, "required", "is required");
        }
        return true;
    }

    /**
     * The field's value when it is present and {@code fits}, else null: absent, it adds "required" when
     * {@code required}; present but not fitting, it adds {@code code} with {@code message}.
     */
    private JsonNode typed(final String name, final boolean required, final Predicate<JsonNode> fits,
                           final String code, final String message) {
        final JsonNode v = value(name);
        if (v == null) {
            missing(name, required);
            return null;
        }
        if (!fits.test(v)) {
            add(name, code, message);
            return null;
        }
        return v;
    }

    /** A string of at most {@value #MAX_TEXT} characters, stripped; blank counts as absent. */
    public String text(final String name, final boolean required) {
        return text(name, required, MAX_TEXT);
    }

    /** A string of at most {@code maxLength} characters, stripped; blank counts as absent. */
    public String text(final String name, final boolean required, final int maxLength) {
        final JsonNode v = typed(name, required, JsonNode::isTextual, "not-a-string", "must be a string");
        if (v == null) {
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

    /** A whole number that fits 32 bits. */
    public Integer integer(final String name, final boolean required) {
        return integer(name, required, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}. */
    public Integer integer(final String name, final boolean required, final int min, final int max) {
        final JsonNode v = typed(name, required, n -> n.isIntegralNumber() && n.canConvertToInt(), "not-an-integer",
                "must be a whole number (32-bit)");
        if (v == null) {
            return null;
        }
        if (v.intValue() < min || v.intValue() > max) {
            add(name, "out-of-range", max == Integer.MAX_VALUE ? "must be at least " + min
                    : "must be from " + min + " to " + max);
            return null;
        }
        return v.intValue();
    }

    public Boolean bool(final String name, final boolean required) {
        final JsonNode v = typed(name, required, JsonNode::isBoolean, "not-a-boolean", "must be true or false");
        return v == null ? null : v.booleanValue();
    }

    /** An ISO-8601 instant such as {@code 2026-11-20T08:00:00Z}; optional. */
    public Instant instant(final String name) {
        return temporal(name, false, Instant::parse, "not-an-instant",
                "must be an ISO-8601 instant such as 2026-11-20T08:00:00Z");
    }

    /** An ISO date such as {@code 2026-12-01}. */
    public LocalDate date(final String name, final boolean required) {
        return temporal(name, required, LocalDate::parse, "not-a-date", "must be an ISO date such as 2026-12-01");
    }

    /** A JSON string {@code parse} reads; anything else (or text it cannot read) is the error {@code code}. */
    private <T> T temporal(final String name, final boolean required, final Function<String, T> parse,
                           final String code, final String message) {
        final JsonNode v = value(name);
        if (v == null) {
            missing(name, required);
            return null;
        }
        try {
            if (v.isTextual()) {
                return parse.apply(v.textValue());
            }
        } catch (final DateTimeParseException e) {
            // reported below
        }
        add(name, code, message);
        return null;
    }

    /**
     * An amount of money: a JSON string or number, at least 0, at most {@code scale} decimals and
     * {@code integerDigits} digits before the point.
     */
    public BigDecimal money(final String name, final boolean required, final int scale, final int integerDigits) {
        final JsonNode v = value(name);
        if (v == null) {
            missing(name, required);
            return null;
        }
        BigDecimal amount = null;
        try {
            amount = v.isNumber() ? v.decimalValue() : v.isTextual() ? new BigDecimal(v.textValue().strip()) : null;
        } catch (final NumberFormatException e) {
            // reported below
        }
        if (amount == null || amount.signum() < 0 || amount.scale() > scale
                || amount.precision() - amount.scale() > integerDigits) {
            add(name, "invalid-money", "must be an amount of at least 0 with at most " + scale + " decimals and "
                    + integerDigits + " integer digits, such as \"12.50\"");
            return null;
        }
        return amount;
    }

    /** A list of strings, each stripped; null when absent or invalid. */
    public List<String> textList(final String name) {
        final JsonNode v = typed(name, false, JsonNode::isArray, "not-an-array", "must be an array of strings");
        if (v == null) {
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

    /** The objects of an array field, each read with {@code allowed}; null when absent or not an array. */
    public List<JsonFields> objects(final String name, final boolean required, final Set<String> allowed) {
        final JsonNode v = typed(name, required, n -> n.isArray() && !(required && n.isEmpty()), "not-an-array",
                required ? "must be a non-empty array" : "must be an array");
        if (v == null) {
            return null;
        }
        final List<JsonFields> items = new ArrayList<>();
        final String base = prefix.isEmpty() ? name : prefix + "." + name;
        for (int i = 0; i < v.size(); i++) {
            items.add(of(v.get(i), base + "[" + i + "]", allowed, violations));
        }
        return items;
    }
}
