package io.restock.suppliergateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/**
 * Every error supplier-gateway answers is an RFC 9457 problem ({@code application/problem+json}):
 * {@code type} ({@code urn:restock:problem:<slug>}, listed in the README), {@code title}, {@code status},
 * {@code detail}, {@code instance} (the path) and, when fields are at fault, {@code errors}.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    public static final String TYPE_PREFIX = "urn:restock:problem:";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private Problems() {
    }

    /** The body of a problem response. */
    public record Problem(String type, String title, int status, String detail, String instance,
                          List<Violation> errors) {
    }

    public static MutableHttpResponse<byte[]> of(final HttpStatus status, final String slug, final String title,
                                                 final String detail, final String path) {
        return of(status, slug, title, detail, path, null);
    }

    public static MutableHttpResponse<byte[]> of(final HttpStatus status, final String slug, final String title,
                                                 final String detail, final String path, final List<Violation> errors) {
        final Problem problem = new Problem(TYPE_PREFIX + slug, title, status.getCode(), detail, path,
                errors == null || errors.isEmpty() ? null : errors);
        try {
            return HttpResponse.<byte[]>status(status).contentType(PROBLEM_JSON).body(JSON.writeValueAsBytes(problem));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 400: the body was read but fields are missing or malformed. */
    public static MutableHttpResponse<byte[]> invalid(final String path, final List<Violation> errors) {
        return of(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid", summary(errors), path, errors);
    }

    /** 422: well-formed, but the purchase order refuses it (unknown line, quantity, date, state). */
    public static MutableHttpResponse<byte[]> refused(final String path, final List<Violation> errors) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, "answer-refused",
                "The answer does not fit the purchase order", summary(errors), path, errors);
    }

    public static MutableHttpResponse<byte[]> unreadable(final String path, final String detail) {
        return of(HttpStatus.BAD_REQUEST, "unreadable-body", "The body is not JSON", detail, path);
    }

    /** 404, the same for an unknown purchase order and another supplier's. */
    public static MutableHttpResponse<byte[]> purchaseOrderNotFound(final String path, final String id) {
        return of(HttpStatus.NOT_FOUND, "purchase-order-not-found", "No such purchase order",
                "you have no purchase order " + id, path);
    }

    public static MutableHttpResponse<byte[]> unauthenticated(final String path, final String detail) {
        return of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail, path)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"restock-suppliers\"");
    }

    public static MutableHttpResponse<byte[]> unavailable(final String path, final String detail) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", "Try again shortly", detail, path)
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    private static String summary(final List<Violation> errors) {
        final Violation first = errors.getFirst();
        return errors.size() == 1
                ? (first.field().isEmpty() ? first.message() : first.field() + ": " + first.message())
                : errors.size() + " problems; see errors";
    }
}
