package io.restock.backorder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The service ITs' wait for a read that the streams have not caught up with yet. */
final class AwaitedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwaitedJson() {
    }

    /**
     * Calls {@code call} until it answers 200 with a JSON body that is {@code ready}, for at most {@code wait}.
     *
     * @return that body
     */
    static JsonNode awaitJson(final Duration wait, final Callable<HttpResponse<String>> call,
                              final Predicate<JsonNode> ready) {
        final AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(wait).until(() -> {
            final HttpResponse<String> reply = call.call();
            if (reply.statusCode() != 200) {
                return false;
            }
            last.set(JSON.readTree(reply.body()));
            return ready.test(last.get());
        });
        return last.get();
    }
}
