package io.restock.orderintake.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.kafkatest.TopicReader;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.orderintake.SampleOrders;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.StoreOwners;
import io.restock.events.OrderEvent;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static io.restock.orderintake.it.IntakeApp.SHOP_B_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one order-intake application (same application id, own ports = application.server, own
 * state directories) on one broker split the order-views partitions: a shop reads and cancels any of its
 * orders through either instance (the non-owner forwards to the order's owner, once), another shop's order
 * stays 404 through either, the same create sent to both at once makes one order (the owner decides it),
 * and a request that was already forwarded is never forwarded again (503).
 */
@RestockKafka
class OrderIntakeForwardingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eitherInstanceReadsAndCancelsEveryOrderOfTheShop(final KafkaEnvironment kafka, @TempDir final Path dir)
            throws Exception {
        IntakeApp.provision(kafka.bootstrapServers(), kafka.schemaRegistryUrl());
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final Map<String, Object> sameApplication = Map.of("order-intake.streams.application-id",
                "order-intake-fwd-it-" + run);
        final List<String> orders = IntStream.rangeClosed(1, 12).mapToObj(i -> "fwd-" + run + "-" + i).toList();

        try (IntakeApp a = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), dir.resolve("a"),
                sameApplication);
             IntakeApp b = IntakeApp.start(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), dir.resolve("b"),
                     sameApplication)) {
            // Both RUNNING, agreeing on who owns each order, and each owning some of them.
            await().atMost(WAIT).ignoreExceptions().until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                    && b.streams().state() == KafkaStreams.State.RUNNING
                    && orders.stream().allMatch(id -> ownedBy(a, id) != ownedBy(b, id))
                    && orders.stream().map(id -> ownedBy(a, id)).distinct().count() == 2);
            final List<String> ownedByA = orders.stream().filter(id -> ownedBy(a, id)).toList();
            final List<String> ownedByB = orders.stream().filter(id -> !ownedBy(a, id)).toList();

            for (int i = 0; i < orders.size(); i++) {
                final String id = orders.get(i);
                final IntakeApp accepting = i % 2 == 0 ? a : b;
                final HttpResponse<String> created = accepting.createOrder(SHOP_A_KEY, "key-" + id,
                        SampleOrders.validOrder(id));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
                // Read-your-writes where it was accepted: never a 404. A 503 while the group rebalances (a
                // member's session can lapse on a loaded machine) is the documented "try again shortly".
                final HttpResponse<String> readAtOnce = await().atMost(WAIT)
                        .until(() -> accepting.get("/orders/" + id, SHOP_A_KEY), read -> read.statusCode() != 503);
                assertThat(readAtOnce.statusCode()).as("readable where it was accepted: " + readAtOnce.body())
                        .isEqualTo(200);
            }

            // Every order through either instance, from the owner's view.
            for (final String id : orders) {
                for (final IntakeApp instance : List.of(a, b)) {
                    await().atMost(WAIT).untilAsserted(() -> {
                        final HttpResponse<String> read = instance.get("/orders/" + id, SHOP_A_KEY);
                        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                        assertThat(JSON.readTree(read.body()).path("asOf").path("source").asText()).isEqualTo("view");
                    });
                    final HttpResponse<String> read = instance.get("/orders/" + id, SHOP_A_KEY);
                    final JsonNode order = JSON.readTree(read.body());
                    assertThat(order.path("orderId").asText()).isEqualTo(id);
                    assertThat(order.path("customerId").asText()).isEqualTo("c-1");
                    assertThat(order.path("lines").size()).isEqualTo(2);
                    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
                    assertThat(read.headers().firstValue("ETag"))
                            .contains("\"" + order.path("asOf").path("version").asLong() + "\"");
                }
            }

            // Another shop's order is 404 through either instance, whoever owns it; reading and cancelling.
            for (final IntakeApp instance : List.of(a, b)) {
                for (final String id : List.of(ownedByA.getFirst(), ownedByB.getFirst())) {
                    assertProblem(instance.get("/orders/" + id, SHOP_B_KEY), 404, "order-not-found");
                    assertProblem(instance.post("/orders/" + id + "/cancellation", SHOP_B_KEY, null, null, null), 404,
                            "order-not-found");
                }
            }

            // Cancellations sent to the instance that does not own the order are decided by the owner.
            final String cancelThroughA = ownedByB.getFirst();
            final HttpResponse<String> lineCancelled = a.post("/orders/" + cancelThroughA + "/lines/2/cancellation",
                    SHOP_A_KEY, null, "application/json", "{\"reason\":\"too slow\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(lineCancelled.statusCode()).as(lineCancelled.body()).isEqualTo(202);
            assertThat(JSON.readTree(lineCancelled.body()).path("eventId").isTextual()).isTrue();
            assertProblem(a.post("/orders/" + cancelThroughA + "/lines/9/cancellation", SHOP_A_KEY, null, null, null),
                    404, "line-not-found");
            await().atMost(WAIT).untilAsserted(() -> assertThat(lineStatuses(a, cancelThroughA))
                    .containsExactly("PENDING", "CANCELLATION_REQUESTED"));
            final HttpResponse<String> again = a.post("/orders/" + cancelThroughA + "/lines/2/cancellation",
                    SHOP_A_KEY, null, "application/json", "{\"reason\":\"too slow\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(again.body()).path("eventId").isNull()).as("nothing new on the owner").isTrue();

            final String cancelThroughB = ownedByA.getFirst();
            final HttpResponse<String> orderCancelled = b.post("/orders/" + cancelThroughB + "/cancellation",
                    SHOP_A_KEY, null, null, null);
            assertThat(orderCancelled.statusCode()).as(orderCancelled.body()).isEqualTo(202);
            await().atMost(WAIT).untilAsserted(() -> assertThat(lineStatuses(b, cancelThroughB))
                    .containsExactly("CANCELLATION_REQUESTED", "CANCELLATION_REQUESTED"));

            // The same create sent to both instances at the same moment (a client retrying through a load
            // balancer) is decided by the order's owner alone: one order; the other answer is a replay of the
            // same 202 or a 409 while the first is in flight.
            final List<String> raced = IntStream.rangeClosed(1, 10).mapToObj(i -> "race-" + run + "-" + i).toList();
            for (final String id : raced) {
                final byte[] body = SampleOrders.validOrder(id);
                final CompletableFuture<HttpResponse<String>> viaA = a.createOrderAsync(SHOP_A_KEY, "key-" + id, body);
                final CompletableFuture<HttpResponse<String>> viaB = b.createOrderAsync(SHOP_A_KEY, "key-" + id, body);
                final List<HttpResponse<String>> answers = List.of(viaA.get(), viaB.get());
                assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409));
                assertThat(answers.stream().filter(answer -> answer.statusCode() == 202
                        && answer.headers().firstValue("Idempotent-Replayed").isEmpty()).count())
                        .as("exactly one answer accepted the order as new: %s", answers).isEqualTo(1);
            }
            final EventSerdes serdes = EventSerdes.registry(kafka.schemaRegistryUrl(), false);
            final List<ConsumerRecord<String, OrderEvent>> placed = TopicReader.read(kafka.bootstrapServers(),
                    Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer(),
                    key -> key.startsWith("race-" + run + "-"), raced.size());
            assertThat(placed).extracting(ConsumerRecord::key).as("one OrderPlaced per order")
                    .containsExactlyInAnyOrderElementsOf(raced);

            // A request already forwarded once that reaches a non-owner is not forwarded again.
            final HttpResponse<String> secondHop = a.get("/orders/" + ownedByB.getLast(), SHOP_A_KEY,
                    Map.of(StoreOwners.FORWARDED_HEADER, "127.0.0.1:1"));
            assertProblem(secondHop, 503, "temporarily-unavailable");
            assertThat(secondHop.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static boolean ownedBy(final IntakeApp instance, final String orderId) {
        return instance.streams().ownerOf(orderId, null) instanceof KeyOwner.Local;
    }

    private static List<String> lineStatuses(final IntakeApp instance, final String orderId) throws Exception {
        final HttpResponse<String> read = instance.get("/orders/" + orderId, SHOP_A_KEY);
        assertThat(read.statusCode()).isEqualTo(200);
        final JsonNode lines = JSON.readTree(read.body()).path("lines");
        return IntStream.range(0, lines.size()).mapToObj(i -> lines.get(i).path("status").asText()).toList();
    }

    private static void assertProblem(final HttpResponse<String> response, final int status, final String slug)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("urn:restock:problem:" + slug);
    }
}
