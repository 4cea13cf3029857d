package io.restock.inventory.service;

import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application split the SKU partitions; a read sent to either instance is
 * answered for every SKU, by the instance that owns the SKU's partition (forwarded when it is the other).
 */
@RestockKafka
class ForwardingIT {

    @Test
    void readsAreAnsweredByTheInstanceThatOwnsTheSku(final KafkaEnvironment kafka) {
        RunningService.provision(kafka);
        final String applicationId = RunningService.newApplicationId();
        final List<String> skus = IntStream.rangeClosed(1, 12).mapToObj(i -> "fwd-" + applicationId + "-" + i).toList();
        final Set<Integer> partitions = new HashSet<>();
        skus.forEach(s -> partitions.add(Utils.toPositive(Utils.murmur2(s.getBytes(StandardCharsets.UTF_8))) % 6));
        assertThat(partitions).as("the SKUs spread over the partitions").hasSizeGreaterThanOrEqualTo(4);

        try (RunningService a = RunningService.start(kafka, applicationId, Map.of());
             RunningService b = RunningService.start(kafka, applicationId, Map.of())) {
            for (final String sku : skus) {
                assertThat(a.put("/catalog/skus/" + sku,
                        "{\"backorderable\": false, \"reorderPoint\": 0, \"targetLevel\": 0}").status()).isEqualTo(202);
            }
            final String nameA = a.baseUrl.substring("http://".length());
            final String nameB = b.baseUrl.substring("http://".length());
            await().atMost(Duration.ofSeconds(120)).until(() -> skus.stream().allMatch(sku ->
                    a.get("/skus/" + sku + "/stock").status() == 200 && b.get("/skus/" + sku + "/stock").status() == 200));

            final Set<String> servedA = new HashSet<>();
            for (final String sku : skus) {
                final String byA = a.get("/skus/" + sku + "/stock").json().get("servedBy").asText();
                final String byB = b.get("/skus/" + sku + "/stock").json().get("servedBy").asText();
                assertThat(byA).as("both instances name the same owner of " + sku).isEqualTo(byB);
                servedA.add(byA);
                // The quote is computed on the owner's book: a known, not backorderable SKU, not UNKNOWN_SKU.
                for (final RunningService asked : List.of(a, b)) {
                    final var quote = asked.get("/skus/" + sku + "/availability?quantity=1").json();
                    assertThat(quote.get("servedBy").asText()).isEqualTo(byA);
                    assertThat(quote.get("reason").asText()).isEqualTo("NOT_BACKORDERABLE");
                }
            }
            assertThat(servedA).as("each instance owns some SKUs and answers for them").containsExactlyInAnyOrder(nameA, nameB);
            assertThat(a.get("/skus/" + skus.getFirst() + "/backorders").status()).isEqualTo(200);
        }
    }
}
