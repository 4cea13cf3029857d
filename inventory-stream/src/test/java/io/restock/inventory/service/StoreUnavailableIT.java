package io.restock.inventory.service;

import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.service.streams.StreamsRunner;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the Kafka Streams application is not RUNNING (here: never started), reads, and warehouse
 * requests that need a stock check, answer 503 problem+json with Retry-After, never 500.
 */
@RestockKafka
class StoreUnavailableIT {

    @Test
    void readsAnswer503WithRetryAfterWhileTheStreamsAreNotRunning(final KafkaEnvironment kafka) {
        RunningService.provision(kafka);
        try (RunningService service = RunningService.start(kafka, RunningService.newApplicationId(),
                Map.of("restock.streams.start", "false"))) {
            assertThat(service.context.getBean(StreamsRunner.class).state()).isEqualTo(KafkaStreams.State.CREATED);

            for (final String path : new String[] {"/skus/sku-1/stock", "/skus/sku-1/backorders"}) {
                final RunningService.Reply reply = service.get(path);
                assertThat(reply.status()).as(path).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.raw().headers().firstValue("Retry-After")).contains("1");
                assertThat(reply.json().get("type").asText()).isEqualTo("urn:restock:problem:temporarily-unavailable");
                assertThat(reply.json().get("detail").asText()).contains("CREATED");
            }
            final RunningService.Reply adjustment = service.post("/warehouse/adjustments", """
                    {"movementId": "m-1", "warehouseId": "wh-1", "sku": "sku-1", "delta": -1, "reason": "lost"}""");
            assertThat(adjustment.status()).isEqualTo(503);
            assertThat(adjustment.raw().headers().firstValue("Retry-After")).contains("1");
        }
    }
}
