package io.restock.inventory.streams;

import io.micronaut.context.ApplicationContext;
import io.restock.inventory.config.InventoryStreamsProperties;
import io.restock.schemas.streams.BoundedMemoryRocksDbConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code inventory-stream.streams} block of the shipped application.yml becomes the Kafka Streams settings it
 * had under micronaut-kafka-streams' {@code kafka.streams.default}: every value kept, the invariants laid over them.
 */
class InventoryStreamsPropertiesTest {

    @Test
    void theShippedBlockKeepsEverySettingAndTheInvariantsWin() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("inventory-stream.streams.config.processing.guarantee", "at_least_once",
                        "restock.streams.start", "false"))
                .start()) {
            final InventoryStreamsProperties config = context.getBean(InventoryStreamsProperties.class);
            assertThat(config.applicationId()).isEqualTo("inventory-stream");

            final Properties props = InventoryStreamsFactory.properties(config, "broker:9092");

            assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(config.threads());
            assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(config.stateDir());
            assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
            assertThat(props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo("0");
            assertThat(props.get(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG)).isEqualTo("INFO");
            assertThat(props.get(BoundedMemoryRocksDbConfig.TOTAL_BYTES_CONFIG)).isEqualTo("67108864");
            assertThat(props.get(BoundedMemoryRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG)).isEqualTo("16777216");
            assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                    .isEqualTo(BoundedMemoryRocksDbConfig.class);
            if (System.getenv("RESTOCK_STREAMS_SESSION_TIMEOUT_MS") == null) {
                assertThat(props.get(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)))
                        .isEqualTo("10000");
            }
        }
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> new InventoryStreamsProperties("inventory-stream", "/tmp/x", null, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }
}
