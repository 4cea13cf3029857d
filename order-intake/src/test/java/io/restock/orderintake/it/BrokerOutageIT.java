package io.restock.orderintake.it;

import io.restock.kafkatest.TopicReader;
import io.restock.events.OrderEvent;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.localkafka.LocalBroker;
import io.restock.orderintake.SampleOrders;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while shops post orders: nothing gets a 2xx that Kafka did not store, the
 * answers are 503 with Retry-After within the delivery timeout, and once the broker is back each
 * order retried with its key is stored exactly once. Runs its own broker (so it can stop it) with the
 * shared schema registry. (409 for a key in flight is checked in IdempotencyGuardTest: whether a
 * request is still in flight here depends on when the producer re-bootstraps, so it is not asserted.)
 */
@RestockKafka
class BrokerOutageIT {

    @Test
    void ordersPostedWhileTheBrokerIsDownAreRefusedAndSucceedOnceWhenRetried(final KafkaEnvironment kafka,
                                                                            @TempDir final Path dir) throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final int port = freePort();
        LocalBroker broker = LocalBroker.start(LocalBroker.Settings.of(dir.resolve("kafka")).withPort(port));
        IntakeApp app = null;
        try {
            IntakeApp.provision(broker.bootstrapServers(), kafka.schemaRegistryUrl());
            app = IntakeApp.start(broker.bootstrapServers(), kafka.schemaRegistryUrl(), dir.resolve("state"),
                    Map.of("order-intake.producer.delivery-timeout", "3s"));
            final String before = run + "-before";
            assertThat(app.createOrder(SHOP_A_KEY, before, SampleOrders.validOrder(before)).statusCode())
                    .isEqualTo(202);

            broker.close();
            final List<String> during = List.of(run + "-during-1", run + "-during-2", run + "-during-3");
            final List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (final String orderId : during) {
                pending.add(app.createOrderAsync(SHOP_A_KEY, orderId, SampleOrders.validOrder(orderId)));
            }
            final IntakeApp running = app;
            for (final CompletableFuture<HttpResponse<String>> response : pending) {
                final HttpResponse<String> answer = response.get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }

            broker = LocalBroker.start(LocalBroker.Settings.of(dir.resolve("kafka")).withPort(port));
            for (final String orderId : during) {
                final AtomicReference<HttpResponse<String>> accepted = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    accepted.set(running.createOrder(SHOP_A_KEY, orderId, SampleOrders.validOrder(orderId)));
                    return accepted.get().statusCode() == 202;
                });
                final HttpResponse<String> again = app.createOrder(SHOP_A_KEY, orderId,
                        SampleOrders.validOrder(orderId));
                assertThat(again.statusCode()).isEqualTo(202);
                assertThat(again.body()).isEqualTo(accepted.get().body());
            }

            final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
            final List<ConsumerRecord<String, OrderEvent>> stored = TopicReader.read(broker.bootstrapServers(),
                    Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(),
                    key -> key.startsWith(run), 4);
            assertThat(stored).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(before, during.get(0), during.get(1), during.get(2));
        } finally {
            if (app != null) {
                app.close();
            }
            broker.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
