package io.restock.suppliergateway.streams;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.suppliergateway.problem.Problems;
import jakarta.inject.Singleton;

/**
 * {@link OwnerUnavailableException} (no instance owns the purchase order's partition right now, a forwarded
 * request reached a non-owner, the owner did not answer) answers 503 with Retry-After.
 */
@Singleton
final class OwnerUnavailableHandler implements ExceptionHandler<OwnerUnavailableException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(final HttpRequest request, final OwnerUnavailableException exception) {
        return Problems.unavailable(request.getPath(), exception.getMessage());
    }
}
