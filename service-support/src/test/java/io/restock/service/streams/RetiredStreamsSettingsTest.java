package io.restock.service.streams;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetiredStreamsSettingsTest {

    @Test
    void aRetiredKafkaStreamsDefaultSettingStopsTheStartNamingItAndTheNewBlock() {
        final PropertySourcePropertyResolver configuration = new PropertySourcePropertyResolver(PropertySource.of(
                Map.of("kafka.streams.default.num.stream.threads", "4", "inventory-stream.streams.threads", "1")));

        assertThatThrownBy(() -> RetiredStreamsSettings.refuse(configuration, "inventory-stream.streams"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("num.stream.threads")
                .hasMessageContaining("inventory-stream.streams.config.<name>");
    }

    @Test
    void withoutRetiredSettingsTheStartGoesOn() {
        final PropertySourcePropertyResolver configuration = new PropertySourcePropertyResolver(PropertySource.of(
                Map.of("inventory-stream.streams.threads", "1", "kafka.bootstrap.servers", "x:9092")));

        assertThatCode(() -> RetiredStreamsSettings.refuse(configuration, "inventory-stream.streams"))
                .doesNotThrowAnyException();
        assertThat(configuration.containsProperties(RetiredStreamsSettings.RETIRED_PREFIX)).isFalse();
    }
}
