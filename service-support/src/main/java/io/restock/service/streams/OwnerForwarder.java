package io.restock.service.streams;

import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends a request once to the instance that owns a key (its {@code application.server}) and returns its
 * answer, for the caller to relay. The request carries {@link StoreOwners#FORWARDED_HEADER} (this instance's
 * {@code host:port}), so an instance that receives it and no longer owns the key answers 503 instead of
 * forwarding again: at most one hop. An owner that does not answer in time, or answers a 5xx other than 503,
 * is {@link OwnerUnavailableException} (503 to the client, never 500).
 */
public final class OwnerForwarder {

    /** Answer headers relayed to the client (lower case). */
    public static final List<String> RELAYED_HEADERS = List.of("content-type", "etag", "retry-after", "idempotent-replayed",
            "www-authenticate", "location");

    private final String selfName;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param selfName this instance's {@code host:port}, sent in {@link StoreOwners#FORWARDED_HEADER}
     * @param timeout  connect and whole-request timeout
     */
    public OwnerForwarder(final String selfName, final Duration timeout) {
        this.selfName = Objects.requireNonNull(selfName, "selfName");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A GET of {@code pathAndQuery} (already URL-encoded) on {@code owner}. */
    public ForwardedReply get(final HostInfo owner, final String pathAndQuery, final Map<String, String> headers) {
        return send(owner, "GET", pathAndQuery, headers, null);
    }

    /**
     * Sends {@code method pathAndQuery} with {@code headers} (e.g. Authorization, Content-Type) and {@code body}
     * (null for none) to {@code owner}.
     */
    public ForwardedReply send(final HostInfo owner, final String method, final String pathAndQuery,
                               final Map<String, String> headers, final byte[] body) {
        final URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        request.header(StoreOwners.FORWARDED_HEADER, selfName);
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new OwnerUnavailableException("the owner (" + owner.host() + ":" + owner.port()
                    + ") did not answer: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnerUnavailableException("interrupted while asking the owner (" + owner.host() + ":"
                    + owner.port() + ")", e);
        }
        return relay(owner, response.statusCode(), response.headers().map(), response.body());
    }

    /** The reply to relay for the owner's answer; a 5xx other than 503 is {@link OwnerUnavailableException}. */
    static ForwardedReply relay(final HostInfo owner, final int status, final Map<String, List<String>> headers,
                                final byte[] body) {
        if (status >= 500 && status != 503) {
            throw new OwnerUnavailableException("the owner (" + owner.host() + ":" + owner.port() + ") answered "
                    + status);
        }
        final Map<String, String> relayed = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (RELAYED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !values.isEmpty()) {
                relayed.put(name, values.getFirst());
            }
        });
        return new ForwardedReply(status, relayed, body);
    }
}
