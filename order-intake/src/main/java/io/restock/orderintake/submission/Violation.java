package io.restock.orderintake.submission;

import io.restock.service.problem.FieldProblem;

/**
 * One thing wrong with a submission, at one field.
 *
 * @param field   where, as a path into the JSON body: {@code lines[2].quantity}; empty for the body itself
 * @param code    a stable machine-readable code (see {@link Code})
 * @param message what is wrong, for a person
 */
public record Violation(String field, Code code, String message) implements FieldProblem {

    /** The catalogue of violation codes; shops may switch on them. */
    public enum Code {
        MALFORMED_JSON, REQUIRED, UNKNOWN_FIELD, WRONG_TYPE, INVALID_FORMAT, TOO_LONG, OUT_OF_RANGE,
        TOO_MANY, TOO_FEW, DUPLICATE, INVALID_MONEY, UNKNOWN_VALUE, IN_FUTURE, KEY_MISMATCH
    }
}
