package io.restock.inventory.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;

import java.util.List;

/**
 * Every error inventory-stream answers is an RFC 9457 problem ({@code application/problem+json}, built by
 * {@link ProblemResponses}): {@code type} ({@code urn:restock:problem:<slug>}, stable, listed in the
 * README), {@code title}, {@code status}, {@code detail}, {@code instance} (the request path) and, for
 * invalid bodies, {@code errors}: one {@link Violation} per field. These are inventory-stream's own problems.
 */
public final class Problems {

    private Problems() {
    }

    /** 400: the body was read but fields are missing or wrong; {@code errors} names each. */
    public static MutableHttpResponse<byte[]> invalid(final String path, final String what,
                                                      final List<Violation> errors) {
        return ProblemResponses.invalid(path, what + " is not valid", errors);
    }

    /** 400: the body is not JSON (or not CSV) at all. */
    public static MutableHttpResponse<byte[]> unreadable(final String path, final String detail) {
        return ProblemResponses.of(HttpStatus.BAD_REQUEST, "unreadable-body", "The body cannot be read", detail, path);
    }

    /** 422: well-formed, but the current state of the SKU refuses it. */
    public static MutableHttpResponse<byte[]> refused(final String path, final String slug, final String title,
                                                      final String detail, final List<Violation> errors) {
        return ProblemResponses.of(HttpStatus.UNPROCESSABLE_ENTITY, slug, title, detail, path, errors);
    }

    public static MutableHttpResponse<byte[]> skuNotFound(final String path, final String sku) {
        return ProblemResponses.of(HttpStatus.NOT_FOUND, "sku-not-found", "No such SKU",
                "inventory-stream has seen no policy, stock or order for SKU " + sku, path);
    }
}
