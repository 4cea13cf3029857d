package io.restock.service.problem;

/** One field at fault in a request: where ({@code lines[2].quantity}, or empty for the body itself) and what. */
public interface FieldProblem {

    String field();

    String message();
}
