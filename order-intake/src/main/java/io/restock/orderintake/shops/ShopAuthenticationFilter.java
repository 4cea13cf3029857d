package io.restock.orderintake.shops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.restock.service.problem.ProblemResponses;

/**
 * Authenticates every {@code /orders} and {@code /skus} (availability quote) request by its API key ({@code Authorization: Bearer <key>}
 * or {@code X-Api-Key: <key>}) and applies the shop's rate limit. Leaves the {@link Shop} in the
 * request attribute {@value Shop#ATTRIBUTE}. 401 without a known key, 429 with Retry-After when
 * the shop is over its limit.
 */
@ServerFilter({"/orders", "/orders/**", "/skus/**"})
public final class ShopAuthenticationFilter {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    private final ShopDirectory shops;

    public ShopAuthenticationFilter(final ShopDirectory shops) {
        this.shops = shops;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(final HttpRequest<?> request) {
        final Shop shop = shops.authenticate(apiKey(request)).orElse(null);
        if (shop == null) {
            return ProblemResponses.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                            "send the shop's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'",
                            request.getPath())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"restock\"");
        }
        final long waitSeconds = shop.rateLimiter().tryAcquire();
        if (waitSeconds > 0) {
            return ProblemResponses.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                            "shop " + shop.id() + " is over its rate limit", request.getPath())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
        }
        request.setAttribute(Shop.ATTRIBUTE, shop);
        return null;
    }

    private static String apiKey(final HttpRequest<?> request) {
        final String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return request.getHeaders().get(API_KEY_HEADER);
    }
}
