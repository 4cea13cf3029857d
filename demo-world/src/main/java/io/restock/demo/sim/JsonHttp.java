package io.restock.demo.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.localkafka.clients.JsonRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON over HTTP to the services' public APIs, as an outside client would call them. Retries only what the
 * APIs document as transient (503, 429, 409 {@code idempotency-key-in-flight}), a bounded number of times
 * honouring {@code Retry-After}; every other answer is returned to the caller.
 */
public final class JsonHttp {

    /** An answer: status and body (parsed when it is JSON). */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final int MAX_TRIES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong failures = new AtomicLong();

    public static ObjectMapper json() {
        return JSON;
    }

    /** Requests answered other than 2xx after retries, or not answered at all. */
    public long failures() {
        return failures.get();
    }

    public Answer send(final String method, final URI uri, final Map<String, String> headers, final Object body) {
        final String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write JSON for " + uri, e);
        }
        Answer answer = null;
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            final HttpRequest request = JsonRequests.request(method, uri, headers, text, Duration.ofSeconds(15));
            long waitMillis;
            try {
                final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                answer = new Answer(response.statusCode(), response.body());
                if (!retryable(answer)) {
                    break;
                }
                waitMillis = JsonRequests.retryAfterMillis(response);
            } catch (IOException e) {
                answer = new Answer(0, e.toString());
                waitMillis = 500L * attempt;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = new Answer(0, "interrupted");
                break;
            }
            if (!sleep(Math.min(waitMillis, 3000))) {
                break;
            }
        }
        if (!answer.ok()) {
            failures.incrementAndGet();
        }
        return answer;
    }

    public Answer post(final URI uri, final Map<String, String> headers, final Object body) {
        return send("POST", uri, headers, body);
    }

    public Answer put(final URI uri, final Map<String, String> headers, final Object body) {
        return send("PUT", uri, headers, body);
    }

    public Answer get(final URI uri, final Map<String, String> headers) {
        return send("GET", uri, headers, null);
    }

    public static JsonNode parse(final String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static boolean retryable(final Answer answer) {
        return answer.status() == 503 || answer.status() == 429
                || (answer.status() == 409 && answer.body().contains("idempotency-key-in-flight"));
    }

    // The retry wait of a transient HTTP answer (the server asked for it), not a synchronisation.
    private static boolean sleep(final long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
