package io.restock.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static io.restock.stack.StackTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The fault operations the fault verifier uses, on real processes: a paused service is stopped (state {@code T})
 * until resumed, a killed one is gone until restarted healthy, and after a broker restart the running service
 * reconnects by itself and serves a receipt posted afterwards.
 */
class StackFaultsIT {

    @TempDir
    Path work;

    @Test
    void pausedKilledAndBrokerRestartedProcessesComeBackAndServe() throws Exception {
        final StackOptions options = StackTests.options(work).withServices(EnumSet.of(Service.INVENTORY_STREAM));
        try (Stack stack = Stack.start(options)) {
            final long first = stack.pids().get("inventory-stream");

            stack.pause(Service.INVENTORY_STREAM);
            assertThat(processState(first)).isEqualTo('T');
            stack.resume(Service.INVENTORY_STREAM);
            assertThat(processState(first)).isNotEqualTo('T');

            assertThatThrownBy(() -> stack.restart(Service.INVENTORY_STREAM))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
            stack.kill(Service.INVENTORY_STREAM);
            assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
            stack.restart(Service.INVENTORY_STREAM);
            assertThat(stack.pids().get("inventory-stream")).isNotEqualTo(first);
            assertThat(Health.isUp(stack.endpoints().health(Service.INVENTORY_STREAM))).isNull();

            final long kafka = stack.pids().get(Stack.KAFKA);
            stack.restartBroker();
            assertThat(stack.pids().get(Stack.KAFKA)).isNotEqualTo(kafka);
            assertThat(ProcessHandle.of(kafka).filter(ProcessHandle::isAlive)).isEmpty();

            final URI inventory = stack.endpoints().service(Service.INVENTORY_STREAM);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(post(
                    inventory.resolve("/warehouse/receipts"), """
                            {"movementId": "faults-1", "warehouseId": "wh-1", "sku": "FAULT-SKU", "quantity": 7}
                            """).statusCode()).isEqualTo(202));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                final HttpResponse<String> stock = StackTests.get(inventory.resolve("/skus/FAULT-SKU/stock"), Map.of());
                assertThat(stock.statusCode()).as(stock.body()).isEqualTo(200);
                assertThat(JSON.readTree(stock.body()).path("onHand").asInt()).isEqualTo(7);
            });
        }
    }

    /** The state letter of {@code /proc/<pid>/stat}: R, S, D, T (stopped), Z... */
    private static char processState(final long pid) throws Exception {
        final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
    }

    private static HttpResponse<String> post(final URI uri, final String body) throws Exception {
        return StackTests.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
