package io.restock.service.publish;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeProducerConfigTest {

    @Test
    void aSendIsDurableAndBoundedByTheDeliveryTimeout() {
        final var props = EdgeProducerConfig.properties("127.0.0.1:9092", "edge", Duration.ofSeconds(5),
                Duration.ofSeconds(2));

        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L);
    }

    @Test
    void aVeryShortDeliveryTimeoutStillLeavesOneSecondPerRequest() {
        final var props = EdgeProducerConfig.properties("127.0.0.1:9092", "edge", Duration.ofMillis(500),
                Duration.ofSeconds(1));

        assertThat(props).containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000);
    }
}
