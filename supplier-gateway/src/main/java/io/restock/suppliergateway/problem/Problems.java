package io.restock.suppliergateway.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;

import java.util.List;

/**
 * Every error supplier-gateway answers is an RFC 9457 problem ({@code application/problem+json}, built by
 * {@link ProblemResponses}): {@code type} ({@code urn:restock:problem:<slug>}, listed in the README),
 * {@code title}, {@code status}, {@code detail}, {@code instance} (the path) and, when fields are at fault,
 * {@code errors}. These are supplier-gateway's own problems.
 */
public final class Problems {

    private Problems() {
    }

    /** 400: the body was read but fields are missing or malformed. */
    public static MutableHttpResponse<byte[]> invalid(final String path, final List<Violation> errors) {
        return ProblemResponses.invalid(path, "The request is not valid", errors);
    }

    /** 422: well-formed, but the purchase order refuses it (unknown line, quantity, date, state). */
    public static MutableHttpResponse<byte[]> refused(final String path, final List<Violation> errors) {
        return ProblemResponses.of(HttpStatus.UNPROCESSABLE_ENTITY, "answer-refused",
                "The answer does not fit the purchase order", ProblemResponses.summary(errors), path, errors);
    }

    public static MutableHttpResponse<byte[]> unreadable(final String path, final String detail) {
        return ProblemResponses.of(HttpStatus.BAD_REQUEST, "unreadable-body", "The body is not JSON", detail, path);
    }

    /** 404, the same for an unknown purchase order and another supplier's. */
    public static MutableHttpResponse<byte[]> purchaseOrderNotFound(final String path, final String id) {
        return ProblemResponses.of(HttpStatus.NOT_FOUND, "purchase-order-not-found", "No such purchase order",
                "you have no purchase order " + id, path);
    }

    public static MutableHttpResponse<byte[]> unauthenticated(final String path, final String detail) {
        return ProblemResponses.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail, path)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"restock-suppliers\"");
    }

    /** 503 with {@code Retry-After: 1}. */
    public static MutableHttpResponse<byte[]> unavailable(final String path, final String detail) {
        return ProblemResponses.unavailable(path, detail, 1);
    }
}
