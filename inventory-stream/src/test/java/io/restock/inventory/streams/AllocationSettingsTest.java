package io.restock.inventory.streams;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.config.InventorySettings;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationSettingsTest {

    @Test
    void fifoIsReadCaseInsensitively() {
        final InventorySettings s = new AllocationSettings("fifo", 0, 0, 0, 30, "UTC", 1000, 50).toInventorySettings();
        assertThat(s.priorityRule()).isEqualTo(PriorityRule.FIFO);
        assertThat(s.defaultMaxWaitDays()).isEqualTo(30);
    }

    @Test
    void weightedTakesTheConfiguredWeightsAndZone() {
        final InventorySettings s = new AllocationSettings("WEIGHTED", 10, 0.01, 5, 14, "Europe/Berlin", 500, 20)
                .toInventorySettings();
        assertThat(s.priorityRule()).isEqualTo(PriorityRule.weighted(10, 0.01, 5));
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.rememberedMovementIds()).isEqualTo(500);
    }

    @Test
    void anUnknownRuleOrZoneFailsAtStartup() {
        assertThatThrownBy(() -> new AllocationSettings("LIFO", 0, 0, 0, 30, "UTC", 1, 1).toInventorySettings())
                .hasMessageContaining("FIFO or WEIGHTED");
        assertThatThrownBy(() -> new AllocationSettings("FIFO", 0, 0, 0, 30, "Mars/Olympus", 1, 1).toInventorySettings())
                .hasMessageContaining("time-zone");
    }
}
