package io.restock.service.problem;

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
 * RFC 9457 problem responses ({@code application/problem+json}) as every Restock service answers them:
 * {@code type} ({@code urn:restock:problem:<slug>}, stable, listed in each service's README), {@code title},
 * {@code status}, {@code detail}, {@code instance} (the request path) and, when fields are at fault,
 * {@code errors}: one {@link FieldProblem} per field. Each service's own {@code Problems} adds its slugs.
 */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    public static final String TYPE_PREFIX = "urn:restock:problem:";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ProblemResponses() {
    }

    /** The body of a problem response. */
    public record Problem(String type, String title, int status, String detail, String instance,
                          List<? extends FieldProblem> errors) {
    }

    public static MutableHttpResponse<byte[]> of(final HttpStatus status, final String slug, final String title,
                                                 final String detail, final String path) {
        return of(status, slug, title, detail, path, null);
    }

    public static MutableHttpResponse<byte[]> of(final HttpStatus status, final String slug, final String title,
                                                 final String detail, final String path,
                                                 final List<? extends FieldProblem> errors) {
        final Problem problem = new Problem(TYPE_PREFIX + slug, title, status.getCode(), detail, path,
                errors == null || errors.isEmpty() ? null : errors);
        return HttpResponse.<byte[]>status(status).contentType(PROBLEM_JSON).body(bytes(problem));
    }

    /** 400 {@code validation-failed}: the body was read but fields are missing or wrong; {@code errors} names each. */
    public static MutableHttpResponse<byte[]> invalid(final String path, final String title,
                                                      final List<? extends FieldProblem> errors) {
        return of(HttpStatus.BAD_REQUEST, "validation-failed", title, summary(errors), path, errors);
    }

    /** 503 {@code temporarily-unavailable} with Retry-After. */
    public static MutableHttpResponse<byte[]> unavailable(final String path, final String detail,
                                                          final long retryAfterSeconds) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", "Try again shortly", detail, path)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    /** The {@code detail} of a problem with field errors: the one error, or how many there are. */
    public static String summary(final List<? extends FieldProblem> errors) {
        if (errors.size() != 1) {
            return errors.size() + " problems; see errors";
        }
        final FieldProblem only = errors.getFirst();
        return only.field().isEmpty() ? only.message() : only.field() + ": " + only.message();
    }

    private static byte[] bytes(final Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a problem cannot be written as JSON", e);
        }
    }
}
