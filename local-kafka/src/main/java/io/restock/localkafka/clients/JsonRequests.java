package io.restock.localkafka.clients;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What Restock's tools (the demo's shops, suppliers and warehouse, the fault verifier's load) share when they call
 * the services' HTTP APIs as an outside client would: the request with its JSON body, and the wait a
 * {@code Retry-After} asks for. Each tool keeps its own retry policy.
 */
public final class JsonRequests {

    private JsonRequests() {
    }

    /**
     * A request of {@code method} to {@code uri} with {@code headers}, timing out after {@code timeout}; with
     * {@code json} as its body and {@code Content-Type: application/json}, or no body when {@code json} is null.
     */
    public static HttpRequest request(final String method, final URI uri, final Map<String, String> headers,
                                      final String json, final Duration timeout) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    /** The wait the answer asks for before a retry: its {@code Retry-After} seconds (at least 1), else 1 s. */
    public static long retryAfterMillis(final HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(JsonRequests::seconds).orElse(1L) * 1000;
    }

    private static long seconds(final String value) {
        try {
            return Math.max(1, Long.parseLong(value.trim()));
        } catch (final NumberFormatException e) {
            return 1;
        }
    }
}
