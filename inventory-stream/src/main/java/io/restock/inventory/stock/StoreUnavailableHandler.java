package io.restock.inventory.stock;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.streams.OwnerUnavailableException;
import jakarta.inject.Singleton;

import java.time.Duration;

/** {@link OwnerUnavailableException} anywhere (reads, warehouse validation) answers 503 with Retry-After. */
@Singleton
final class StoreUnavailableHandler implements ExceptionHandler<OwnerUnavailableException, HttpResponse<?>> {

    private final long retryAfterSeconds;

    StoreUnavailableHandler(@Value("${inventory-stream.http.retry-after:1s}") final Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public HttpResponse<?> handle(final HttpRequest request, final OwnerUnavailableException exception) {
        return ProblemResponses.unavailable(request.getPath(), exception.getMessage(), retryAfterSeconds);
    }
}
