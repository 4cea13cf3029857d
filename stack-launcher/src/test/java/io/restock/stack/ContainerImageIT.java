package io.restock.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The five services' container images (as {@code bin/restock images} builds them) run: each unpacked and started
 * from its own entrypoint against a local Kafka and registry, all healthy, and an order placed through the
 * image of order-intake is read back. {@code bin/restock images --check} runs it with
 * {@code -Drestock.images.required=true} right after building them, where missing images or a machine that
 * cannot run them fail; a plain {@code ./mvnw verify} skips it (images on disk may be older than the code).
 */
class ContainerImageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void everyServiceImageStartsHealthyAndTakesAnOrder() throws Exception {
        final Path root = Path.of(System.getProperty("restock.root"));
        Assumptions.assumeTrue(Boolean.getBoolean("restock.images.required"),
                "runs from bin/restock images --check, right after the images are built (never on stale ones)");
        final boolean built = Arrays.stream(Service.values())
                .allMatch(service -> Files.isRegularFile(ContainerImage.tarOf(root, service)));
        assertThat(built).as("every service's target/jib-image.tar (bin/restock images)").isTrue();
        assertThat(ContainerImage.canRunHere()).as("root, unshare, chroot, mount and tar").isTrue();

        final StackOptions options = StackOptions.defaults(root)
                .withDataDir(work.resolve("data"))
                .withLogDir(work.resolve("logs"))
                .withImages(work.resolve("images"))
                .withPortOffset(FreePorts.offset());
        try (Stack stack = Stack.start(options)) {
            for (final Service service : Service.values()) {
                final HttpResponse<String> health = get(stack.endpoints().health(service));
                assertThat(health.statusCode()).as(service.id() + " /health").isEqualTo(200);
                assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
                final long pid = stack.pids().get(service.id());
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/root")))
                        .as(service.id() + "'s process runs inside its image's root file system")
                        .isEqualTo(work.resolve("images").resolve(service.id()).resolve("rootfs").toAbsolutePath());
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString())
                        .as(service.id() + " runs the image's Java runtime").endsWith("/rootfs/opt/java/bin/java");
            }
            final URI orders = stack.endpoints().service(Service.ORDER_INTAKE).resolve("/orders");
            final String orderId = "image-" + UUID.randomUUID();
            final HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(orders)
                    .header("Authorization", "Bearer demo-shop-key")
                    .header("Idempotency-Key", orderId)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"orderId": "%s", "customer": {"id": "c-7", "email": "bo@example.com"},
                             "currency": "EUR", "placedAt": "%s",
                             "lines": [{"lineId": "1", "sku": "KETTLE-BLUE", "quantity": 1, "unitPrice": "19.99"}]}
                            """.formatted(orderId, Instant.now())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                final HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(orders.resolve("/orders/" + orderId))
                        .header("Authorization", "Bearer demo-shop-key").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(JSON.readTree(read.body()).path("lines").get(0).path("status").asText())
                        .as(read.body()).isNotEqualTo("PENDING");
            });
        }
    }


    private static HttpResponse<String> get(final URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
