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
        try {
            final HttpResponse<Void> response = HTTP.send(request(uri), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? null : uri + " answered " + response.statusCode();
        } catch (final IOException e) {
            return uri + ": " + e;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Ready when Micronaut's {@code /health} answers 200 with status UP and every reported Kafka Streams
     * application's state is RUNNING.
     */
    static String isUp(final URI health) {
        try {
            final HttpResponse<String> response = HTTP.send(request(health), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return health + " answered " + response.statusCode() + " " + abbreviate(response.body());
            }
            final JsonNode body = JSON.readTree(response.body());
            if (!"UP".equals(body.path("status").asText())) {
                return health + " says " + abbreviate(response.body());
            }
            final String streamsState = findStreamsState(body);
            if (streamsState != null && !"RUNNING".equals(streamsState)) {
                return health + ": Kafka Streams is " + streamsState;
            }
            return null;
        } catch (final IOException e) {
            return health + ": " + e;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The first non-RUNNING Kafka Streams state named in the health details, else RUNNING or null if none. */
    static String findStreamsState(final JsonNode node) {
        String found = null;
        final var fields = node.properties();
        for (final var field : fields) {
            final JsonNode value = field.getValue();
            if (("streamsState".equals(field.getKey()) || "kafkaStreamsState".equals(field.getKey())
                    || "state".equals(field.getKey())) && value.isTextual() && isStreamsState(value.asText())) {
                if (!"RUNNING".equals(value.asText())) {
                    return value.asText();
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

    private static boolean isStreamsState(final String text) {
        return switch (text) {
            case "CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR" ->
                    true;
            default -> false;
        };
    }

    private static HttpRequest request(final URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
    }

    private static String abbreviate(final String text) {
        final String line = text.replace('\n', ' ');
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
