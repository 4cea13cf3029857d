package io.restock.inventory.problem;

/**
 * One reason a request is invalid: the field ({@code sku}, {@code rows[3].targetLevel}, or empty for the
 * body as a whole), a stable code ({@code required}, {@code must-be-positive}, ...) and a message.
 */
public record Violation(String field, String code, String message) {

    public Violation prefixed(final String prefix) {
        return new Violation(field.isEmpty() ? prefix : prefix + "." + field, code, message);
    }
}
