package io.restock.inventory.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Turns the errors Micronaut answers itself (no such route 404, wrong method 405, body too large 413,
 * wrong content type 415, unreadable request 400, unexpected failures 500) into problem+json too.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

    @Override
    public MutableHttpResponse<byte[]> processResponse(final ErrorContext context,
                                                       final MutableHttpResponse<?> response) {
        final HttpStatus status = response.status();
        final String path = context.getRequest().getPath();
        final String detail = context.getErrors().stream().map(Error::getMessage)
                .collect(Collectors.joining("; "));
        final MutableHttpResponse<byte[]> problem = switch (status) {
            case NOT_FOUND -> Problems.of(status, "not-found", "No such resource", "no resource at " + path, path);
            case METHOD_NOT_ALLOWED -> Problems.of(status, "method-not-allowed", "Method not allowed",
                    context.getRequest().getMethodName() + " is not allowed on " + path, path);
            case REQUEST_ENTITY_TOO_LARGE -> Problems.of(status, "body-too-large", "The body is too large",
                    detail.isEmpty() ? "the request body exceeds the limit" : detail, path);
            case UNSUPPORTED_MEDIA_TYPE -> Problems.of(status, "unsupported-media-type", "Unsupported content type",
                    "send Content-Type: application/json (or text/csv for bulk catalog uploads)", path);
            case NOT_ACCEPTABLE -> Problems.of(status, "not-acceptable", "Not acceptable",
                    "responses are application/json or application/problem+json", path);
            case BAD_REQUEST -> Problems.of(status, "bad-request", "Bad request", detail, path);
            default -> status.getCode() >= 500
                    ? Problems.of(status, "internal-error", "Internal error",
                    "the request failed inside inventory-stream; warehouse and catalog requests are safe to retry", path)
                    : Problems.of(status, "http-" + status.getCode(), status.getReason(), detail, path);
        };
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> problem.header(name, v));
            }
        });
        return problem;
    }
}
