package io.restock.service.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.util.stream.Collectors;

/**
 * Turns the errors Micronaut answers itself (no such route 404, wrong method 405, wrong content type 415,
 * unreadable request 400, unexpected failures 500 and, if asked, body too large 413 and not acceptable 406)
 * into problem+json too. Not a bean: each service declares a
 * {@code @Singleton @Replaces(ErrorResponseProcessor.class)} subclass with its own texts.
 */
public abstract class ProblemErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

    private final String unsupportedMediaTypeDetail;
    private final String internalErrorDetail;
    private final boolean namesSizeAndAcceptErrors;

    /**
     * @param unsupportedMediaTypeDetail the {@code detail} of a 415
     * @param internalErrorDetail        the {@code detail} of a 5xx: whether and how to retry
     * @param namesSizeAndAcceptErrors   whether 413 and 406 get their own slugs ({@code body-too-large},
     *                                   {@code not-acceptable}) rather than {@code http-413}/{@code http-406}
     */
    protected ProblemErrorResponseProcessor(final String unsupportedMediaTypeDetail, final String internalErrorDetail,
                                            final boolean namesSizeAndAcceptErrors) {
        this.unsupportedMediaTypeDetail = unsupportedMediaTypeDetail;
        this.internalErrorDetail = internalErrorDetail;
        this.namesSizeAndAcceptErrors = namesSizeAndAcceptErrors;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(final ErrorContext context,
                                                       final MutableHttpResponse<?> response) {
        final HttpStatus status = response.status();
        final String path = context.getRequest().getPath();
        final String detail = context.getErrors().stream().map(Error::getMessage)
                .collect(Collectors.joining("; "));
        final MutableHttpResponse<byte[]> problem = switch (status) {
            case NOT_FOUND -> ProblemResponses.of(status, "not-found", "No such resource",
                    "no resource at " + path, path);
            case METHOD_NOT_ALLOWED -> ProblemResponses.of(status, "method-not-allowed", "Method not allowed",
                    context.getRequest().getMethodName() + " is not allowed on " + path, path);
            case REQUEST_ENTITY_TOO_LARGE -> namesSizeAndAcceptErrors
                    ? ProblemResponses.of(status, "body-too-large", "The body is too large",
                    detail.isEmpty() ? "the request body exceeds the limit" : detail, path)
                    : other(status, detail, path);
            case UNSUPPORTED_MEDIA_TYPE -> ProblemResponses.of(status, "unsupported-media-type",
                    "Unsupported content type", unsupportedMediaTypeDetail, path);
            case NOT_ACCEPTABLE -> namesSizeAndAcceptErrors
                    ? ProblemResponses.of(status, "not-acceptable", "Not acceptable",
                    "responses are application/json or application/problem+json", path)
                    : other(status, detail, path);
            case BAD_REQUEST -> ProblemResponses.of(status, "bad-request", "Bad request", detail, path);
            default -> other(status, detail, path);
        };
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> problem.header(name, v));
            }
        });
        return problem;
    }

    private MutableHttpResponse<byte[]> other(final HttpStatus status, final String detail, final String path) {
        return status.getCode() >= 500
                ? ProblemResponses.of(status, "internal-error", "Internal error", internalErrorDetail, path)
                : ProblemResponses.of(status, "http-" + status.getCode(), status.getReason(), detail, path);
    }
}
