package io.restock.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restock.stack.StackTests.JSON;
import static io.restock.stack.StackTests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher on real processes: Kafka and the registry, provisioning, the six services on offset ports, an
 * order through order-intake (counted by backorder-kpis, whose dashboard sees every service UP), and a stop that
 * leaves no process behind.
 */
class StackIT {

    @TempDir
    Path work;

    @Test
    void startsEveryServiceHealthyTakesAnOrderAndLeavesNoProcessAfterClose() throws Exception {
        final StackOptions options = StackTests.options(work);
        final Map<String, Long> pids;
        try (Stack stack = Stack.start(options)) {
            pids = stack.pids();
            assertThat(pids).containsKeys(Stack.KAFKA, Stack.SCHEMA_REGISTRY, "order-intake", "inventory-stream",
                    "backorder-processor", "supplier-gateway", "notifier", "backorder-kpis");
            for (final Service service : Service.values()) {
                StackTests.assertHealthy(stack, service);
                assertThat(stack.endpoints().service(service).getPort())
                        .isEqualTo(service.defaultPort() + options.portOffset());
            }

            final URI orders = StackTests.orders(stack);
            final String orderId = "it-" + UUID.randomUUID();
            final HttpResponse<String> created = StackTests.placeOrder(stack, orderId, "c-42", "ann@example.com", 2);
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 202);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                final HttpResponse<String> read = get(orders.resolve("/orders/" + orderId),
                        Map.of("X-Api-Key", "demo-shop-key"));
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                final JsonNode order = JSON.readTree(read.body());
                assertThat(order.path("orderId").asText()).isEqualTo(orderId);
                assertThat(order.path("customerId").asText()).isEqualTo("c-42");
            });
            // The order's line (a SKU without a policy: rejected) is a line decided at order time for the KPIs.
            final URI kpis = stack.endpoints().service(Service.BACKORDER_KPIS).resolve("/kpis");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                final HttpResponse<String> read = get(kpis, Map.of());
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(JSON.readTree(read.body()).path("windows").path("all").path("linesDecided").asLong())
                        .isGreaterThanOrEqualTo(1);
            });
            final HttpResponse<String> services = get(kpis.resolve("/services"), Map.of());
            assertThat(JSON.readTree(services.body()).path("services").findValuesAsText("status"))
                    .as(services.body()).hasSize(Service.values().length).containsOnly("UP");
            assertThat(stack.peakRssKb()).containsKeys("order-intake", "inventory-stream", "backorder-processor",
                    "supplier-gateway", "notifier");
        }
        assertThat(pids.values()).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("process %d after close()", pid).isEmpty());
    }

}
