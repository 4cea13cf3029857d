package io.restock.service.problem;

/**
 * One reason a request is invalid: the field ({@code sku}, {@code lines[1].promisedDate}, or empty for the
 * body as a whole), a stable code ({@code required}, {@code must-be-positive}, ...) and a message.
 */
public record Violation(String field, String code, String message) implements FieldProblem {

    public Violation prefixed(final String prefix) {
        return new Violation(field.isEmpty() ? prefix : prefix + "." + field, code, message);
    }
}
