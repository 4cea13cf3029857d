package io.restock.inventory.problem;

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
 * Every error inventory-stream answers is an RFC 9457 problem ({@code application/problem+json}):
 * {@code type} ({@code urn:restock:problem:<slug>}, stable, listed in the README), {@code title},
 * {@code status}, {@code detail}, {@code instance} (the request path) and, for invalid bodies,
 * {@code errors}: one {@link Violation} per field.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    public static final String TYPE_PREFIX = "urn:restock:problem:";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

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
                                                 final String detail, final String path,
                                                 final List<Violation> errors) {
        final Problem problem = new Problem(TYPE_PREFIX + slug, title, status.getCode(), detail, path,
                errors == null || errors.isEmpty() ? null : errors);
        return HttpResponse.<byte[]>status(status).contentType(PROBLEM_JSON).body(bytes(problem));
    }

    /** 400: the body was read but fields are missing or wrong; {@code errors} names each. */
    public static MutableHttpResponse<byte[]> invalid(final String path, final String what,
                                                      final List<Violation> errors) {
        final Violation first = errors.getFirst();
        final String detail = errors.size() == 1
                ? first.field().isEmpty() ? first.message() : first.field() + ": " + first.message()
                : errors.size() + " problems; see errors";
        return of(HttpStatus.BAD_REQUEST, "validation-failed", what + " is not valid", detail, path, errors);
    }

    /** 400: the body is not JSON (or not CSV) at all. */
    public static MutableHttpResponse<byte[]> unreadable(final String path, final String detail) {
        return of(HttpStatus.BAD_REQUEST, "unreadable-body", "The body cannot be read", detail, path);
    }

    /** 422: well-formed, but the current state of the SKU refuses it. */
    public static MutableHttpResponse<byte[]> refused(final String path, final String slug, final String title,
                                                      final String detail, final List<Violation> errors) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, slug, title, detail, path, errors);
    }

    /** 503 with Retry-After: stores restoring or rebalancing, owner unreachable, Kafka not answering. */
    public static MutableHttpResponse<byte[]> unavailable(final String path, final String detail,
                                                          final long retryAfterSeconds) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", "Try again shortly", detail, path)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    public static MutableHttpResponse<byte[]> skuNotFound(final String path, final String sku) {
        return of(HttpStatus.NOT_FOUND, "sku-not-found", "No such SKU",
                "inventory-stream has seen no policy, stock or order for SKU " + sku, path);
    }

    private static byte[] bytes(final Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a problem cannot be written as JSON", e);
        }
    }
}
