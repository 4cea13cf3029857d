package io.restock.suppliergateway.problem;

/** One reason a request is refused: the field ({@code lines[1].promisedDate}, or empty), a stable code, a message. */
public record Violation(String field, String code, String message) {
}
