package io.restock.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a child process to become ready, failing fast when it exits. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 250;
    private static final java.util.Set<String> STATE_KEYS = java.util.Set.of("state", "threadState", "decisions",
            "senders");
    /** KafkaStreams.State and StreamThread.State names, and the notifier's STOPPED. */
    private static final java.util.Set<String> STATES = java.util.Set.of("CREATED", "STARTING", "REBALANCING",
            "PARTITIONS_REVOKED", "PARTITIONS_ASSIGNED", "RUNNING", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR",
            "ERROR", "DEAD", "STOPPED");

    /** A readiness check: null when ready, else why not (shown if the wait times out). */
    @FunctionalInterface
    interface Check {
        String notReadyBecause();
    }

    private Health() {
    }

    static void await(final String name, final Process process, final Path logFile, final Duration timeout,
                      final Check check) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String reason = "not checked yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartException(name + " exited with code " + process.exitValue()
                        + " while starting; last lines of " + logFile + ":\n" + Stack.tail(logFile));
            }
            reason = check.notReadyBecause();
            if (reason == null) {
                return;
            }
            try {
                process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + name);
            }
        }
        throw new StackStartException(name + " was not ready within " + timeout.toSeconds() + " s (" + reason
                + "); last lines of " + logFile + ":\n" + Stack.tail(logFile));
    }

    /** Ready when {@code uri} answers 200. */
    static String answers200(final URI uri) {
        return probe(uri, response -> response.statusCode() == 200 ? null
                : uri + " answered " + response.statusCode());
    }

    /**
     * Ready when Micronaut's {@code /health} answers 200 with status UP and every reported Kafka Streams
     * application's state is RUNNING.
     */
    static String isUp(final URI health) {
        return probe(health, response -> {
            if (response.statusCode() != 200) {
                return health + " answered " + response.statusCode() + " " + abbreviate(response.body());
            }
            final JsonNode body = JSON.readTree(response.body());
            if (!"UP".equals(body.path("status").asText())) {
                return health + " says " + abbreviate(response.body());
            }
            final String streamsState = findStreamsState(body);
            if (streamsState != null && !"RUNNING".equals(streamsState)) {
                return health + ": " + streamsState;
            }
            return null;
        });
    }

    /** What a readiness probe makes of the answer: null when ready, else why not. */
    @FunctionalInterface
    private interface Verdict {
        String notReadyBecause(HttpResponse<String> response) throws IOException;
    }

    /** GETs {@code uri} and judges the answer; no answer (or an unreadable one) is why it is not ready. */
    private static String probe(final URI uri, final Verdict verdict) {
        try {
            return verdict.notReadyBecause(HTTP.send(request(uri), HttpResponse.BodyHandlers.ofString()));
        } catch (final IOException e) {
            return uri + ": " + e;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The first state in the health details that is not RUNNING (Kafka Streams' {@code state}, a stream thread's
     * {@code threadState}, the notifier's {@code decisions} and {@code senders}), else RUNNING, or null if the
     * details name none.
     */
    static String findStreamsState(final JsonNode node) {
        String found = null;
        for (final var field : node.properties()) {
            final JsonNode value = field.getValue();
            if (STATE_KEYS.contains(field.getKey()) && value.isTextual() && STATES.contains(value.asText())) {
                if (!"RUNNING".equals(value.asText())) {
                    return field.getKey() + " " + value.asText();
                }
                found = "RUNNING";
            } else if (value.isObject()) {
                final String inner = findStreamsState(value);
                if (inner != null && !"RUNNING".equals(inner)) {
                    return inner;
                }
                found = inner != null ? inner : found;
            }
        }
        return found;
    }

    private static HttpRequest request(final URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static String abbreviate(final String text) {
        final String line = text.replace('\n', ' ');
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
