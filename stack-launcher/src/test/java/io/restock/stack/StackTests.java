package io.restock.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ITs that start a stack share: its options, its health, and the HTTP calls they make to it. */
final class StackTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private StackTests() {
    }

    /** The repository's defaults with data and logs under the test's {@code work} directory, at free ports. */
    static StackOptions options(final Path root, final Path work) {
        return StackOptions.defaults(root)
                .withDataDir(work.resolve("data"))
                .withLogDir(work.resolve("logs"))
                .withPortOffset(FreePorts.offset());
    }

    /** {@link #options(Path, Path)} of the repository the build runs in ({@code -Drestock.root}). */
    static StackOptions options(final Path work) {
        return options(Path.of(System.getProperty("restock.root")), work);
    }

    /** The service's {@code /health} answers 200 with status UP. */
    static void assertHealthy(final Stack stack, final Service service) throws Exception {
        final HttpResponse<String> health = get(stack.endpoints().health(service), Map.of());
        assertThat(health.statusCode()).as(service.id() + " /health").isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    /**
     * Places an order of one line, {@code quantity} KETTLE-BLUE, through order-intake's {@code POST /orders} as the
     * demo shop, with the order id as its idempotency key; the answer.
     */
    static HttpResponse<String> placeOrder(final Stack stack, final String orderId, final String customerId,
                                           final String email, final int quantity) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(orders(stack))
                .header("Authorization", "Bearer demo-shop-key")
                .header("Idempotency-Key", orderId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"orderId": "%s", "customer": {"id": "%s", "email": "%s"},
                         "currency": "EUR", "placedAt": "%s",
                         "lines": [{"lineId": "1", "sku": "KETTLE-BLUE", "quantity": %d, "unitPrice": "19.99"}]}
                        """.formatted(orderId, customerId, email, Instant.now(), quantity)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** order-intake's {@code /orders}. */
    static URI orders(final Stack stack) {
        return stack.endpoints().service(Service.ORDER_INTAKE).resolve("/orders");
    }

    static HttpResponse<String> get(final URI uri, final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
