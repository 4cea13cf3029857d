package io.restock.allocation.rules;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code restock.promises} block as every service reads it ({@link PromiseSettings#parse}). */
class PromiseSettingsTest {

    @Test
    void fifoIsReadCaseInsensitively() {
        final PromiseSettings s = PromiseSettings.parse("fifo", 0, 0, 0, "UTC", 30);
        assertThat(s.rule()).isEqualTo(PriorityRule.FIFO);
        assertThat(s.defaultMaxWaitDays()).isEqualTo(30);
    }

    @Test
    void weightedTakesTheConfiguredWeightsAndZone() {
        final PromiseSettings s = PromiseSettings.parse("WEIGHTED", 10, 0.01, 5, "Europe/Berlin", 14);
        assertThat(s.rule()).isEqualTo(PriorityRule.weighted(10, 0.01, 5));
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.defaultMaxWaitDays()).isEqualTo(14);
    }

    @Test
    void anUnknownRuleOrZoneFailsAtStartup() {
        assertThatThrownBy(() -> PromiseSettings.parse("LIFO", 0, 0, 0, "UTC", 30))
                .hasMessageContaining("FIFO or WEIGHTED");
        assertThatThrownBy(() -> PromiseSettings.parse("FIFO", 0, 0, 0, "Mars/Olympus", 30))
                .hasMessageContaining("time-zone");
    }
}
