package io.restock.orderintake.quote;

import io.micronaut.context.annotation.Value;
import io.restock.service.quote.QuoteParameters;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks inventory-stream, which owns every SKU's book, for an availability quote
 * ({@code GET <order-intake.inventory-stream.url>/skus/{sku}/availability}); any inventory-stream instance will
 * do, it forwards to the SKU's owner itself. An answer that does not come within the timeout, or no connection,
 * completes the future exceptionally.
 */
@Singleton
public final class InventoryQuotes {

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public InventoryQuotes(@Value("${order-intake.inventory-stream.url:`http://127.0.0.1:8082`}") final String url,
                           @Value("${order-intake.inventory-stream.timeout:2s}") final Duration timeout) {
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** inventory-stream's answer (status and body) to the quote of {@code sku}. */
    public CompletableFuture<HttpResponse<byte[]>> quote(final String sku, final QuoteParameters quote) {
        final URI uri = URI.create(base + "/skus/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20")
                + "/availability?" + quote.query());
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Where inventory-stream is asked, for error messages. */
    public String base() {
        return base.toString();
    }
}
