package io.restock.suppliergateway.directory;

import io.restock.suppliergateway.suppliers.Supplier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.restock.suppliergateway.problem.Problems;

/**
 * Authenticates every {@code /purchase-orders} request by the supplier's API key
 * ({@code Authorization: Bearer <key>}) and leaves the {@link Supplier} in request attribute
 * {@value #ATTRIBUTE}. 401 without a known key.
 */
@ServerFilter({"/purchase-orders", "/purchase-orders/**"})
public final class SupplierAuthenticationFilter {

    public static final String ATTRIBUTE = "restock.supplier";
    private static final String BEARER = "Bearer ";

    private final SupplierDirectory directory;

    public SupplierAuthenticationFilter(final SupplierDirectory directory) {
        this.directory = directory;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(final HttpRequest<?> request) {
        final String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        final String key = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
        final Supplier supplier = directory.authenticate(key).orElse(null);
        if (supplier == null) {
            return Problems.unauthenticated(request.getPath(), "send your API key as 'Authorization: Bearer <key>'");
        }
        request.setAttribute(ATTRIBUTE, supplier);
        return null;
    }
}
