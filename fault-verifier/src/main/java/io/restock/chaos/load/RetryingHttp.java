package io.restock.chaos.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.localkafka.clients.JsonRequests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON over HTTP as a shop or warehouse would send it while services go down and come back: the same request
 * (same body, same Idempotency-Key or movement id) is sent again after no answer, 502-504, 429 or 409
 * {@code idempotency-key-in-flight}, honouring {@code Retry-After}, until it gets another answer or
 * {@code giveUpAfter} has passed. Every attempt's status is kept for the run log.
 */
public final class RetryingHttp {

    /** The attempts' statuses (0: no answer) and the last answer. */
    public record Result(List<Integer> attempts, int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Duration giveUpAfter;

    public RetryingHttp(final Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public Result send(final String method, final URI uri, final Map<String, String> headers, final Object body) {
        final String text;
        try {
            text = body == null ? null : JSON.writeValueAsString(body);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot write JSON for " + uri, e);
        }
        final Instant deadline = Instant.now().plus(giveUpAfter);
        final List<Integer> attempts = new ArrayList<>();
        int status;
        String answer;
        while (true) {
            final HttpRequest request = JsonRequests.request(method, uri, headers, text, Duration.ofSeconds(10));
            long waitMillis = 1000;
            try {
                final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
                waitMillis = JsonRequests.retryAfterMillis(response);
            } catch (final IOException e) {
                status = 0;
                answer = e.toString();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                attempts.add(0);
                return new Result(attempts, 0, "interrupted");
            }
            attempts.add(status);
            if (!isTransient(status, answer) || Instant.now().plusMillis(waitMillis).isAfter(deadline)) {
                return new Result(attempts, status, answer);
            }
            // The wait a client keeps between retries of a request that found the service away: not a
            // synchronisation of the verifier with anything.
            try {
                Thread.sleep(Math.min(waitMillis, 3000));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(attempts, status, answer);
            }
        }
    }

    private static boolean isTransient(final int status, final String body) {
        return status == 0 || status == 429 || status == 502 || status == 503 || status == 504
                || (status == 409 && body.contains("idempotency-key-in-flight"));
    }
}
