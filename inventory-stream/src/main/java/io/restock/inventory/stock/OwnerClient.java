package io.restock.inventory.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwards a read to the instance that owns the SKU's partition (its {@code application.server}) and
 * reads its JSON answer. The forwarded request carries {@link #FORWARDED_HEADER}; an instance that
 * receives a forwarded request for a SKU it does not own answers 503 instead of forwarding again
 * (ownership moved: a rebalance is under way), so a request makes at most one hop.
 */
@Singleton
final class OwnerClient {

    static final String FORWARDED_HEADER = "X-Restock-Forwarded-By";

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    OwnerClient(final ObjectMapper json, @Value("${inventory-stream.http.forward-timeout:2s}") final Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The owner's answer: present on 200, empty on 404; anything else is {@link StoreUnavailableException}. */
    <T> Optional<T> get(final HostInfo owner, final String pathAndQuery, final String self, final Class<T> type) {
        final URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header(FORWARDED_HEADER, self)
                .GET().build();
        try {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return switch (response.statusCode()) {
                case 200 -> Optional.of(json.readValue(response.body(), type));
                case 404 -> Optional.empty();
                default -> throw new StoreUnavailableException("the owner of this SKU (" + owner.host() + ":"
                        + owner.port() + ") answered " + response.statusCode());
            };
        } catch (final IOException e) {
            throw new StoreUnavailableException("the owner of this SKU (" + owner.host() + ":" + owner.port()
                    + ") did not answer: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while asking the owner of this SKU", e);
        }
    }
}
