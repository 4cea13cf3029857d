package io.restock.suppliergateway.streams;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.restock.suppliergateway.problem.Problems;
import jakarta.inject.Singleton;

/** {@link StoreUnavailableException} answers 503 with Retry-After. */
@Singleton
final class StoreUnavailableHandler implements ExceptionHandler<StoreUnavailableException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(final HttpRequest request, final StoreUnavailableException exception) {
        return Problems.unavailable(request.getPath(), exception.getMessage());
    }
}
