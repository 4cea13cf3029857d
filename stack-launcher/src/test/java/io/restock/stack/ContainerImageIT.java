package io.restock.stack;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restock.stack.StackTests.JSON;
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

        final StackOptions options = StackTests.options(root, work).withImages(work.resolve("images"));
        try (Stack stack = Stack.start(options)) {
            for (final Service service : Service.values()) {
                StackTests.assertHealthy(stack, service);
                final long pid = stack.pids().get(service.id());
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/root")))
                        .as(service.id() + "'s process runs inside its image's root file system")
                        .isEqualTo(work.resolve("images").resolve(service.id()).resolve("rootfs").toAbsolutePath());
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString())
                        .as(service.id() + " runs the image's Java runtime").endsWith("/rootfs/opt/java/bin/java");
            }
            final String orderId = "image-" + UUID.randomUUID();
            final HttpResponse<String> created = StackTests.placeOrder(stack, orderId, "c-7", "bo@example.com", 1);
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                final HttpResponse<String> read = StackTests.get(StackTests.orders(stack).resolve("/orders/" + orderId),
                        Map.of("Authorization", "Bearer demo-shop-key"));
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(JSON.readTree(read.body()).path("lines").get(0).path("status").asText())
                        .as(read.body()).isNotEqualTo("PENDING");
            });
        }
    }
}
