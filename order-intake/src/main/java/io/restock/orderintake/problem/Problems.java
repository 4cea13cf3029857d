package io.restock.orderintake.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.restock.orderintake.submission.Violation;
import io.restock.service.problem.ProblemResponses;

import java.util.List;

/**
 * Every error order-intake answers is an RFC 9457 problem ({@code application/problem+json}, built by
 * {@link ProblemResponses}): {@code type} ({@code urn:restock:problem:<slug>}, stable, documented in the
 * README), {@code title}, {@code status}, {@code detail}, {@code instance} (the request path) and, for
 * invalid bodies, {@code errors}: one entry per field with {@code field}, {@code code} and {@code message}.
 * These are order-intake's own problems.
 */
public final class Problems {

    private Problems() {
    }

    public static MutableHttpResponse<byte[]> invalid(final String path, final String what,
                                                      final List<Violation> errors) {
        return ProblemResponses.invalid(path, what + " is not valid", errors);
    }

    public static MutableHttpResponse<byte[]> orderNotFound(final String path, final String orderId) {
        return ProblemResponses.of(HttpStatus.NOT_FOUND, "order-not-found", "No such order",
                "this shop has no order " + orderId, path);
    }
}
