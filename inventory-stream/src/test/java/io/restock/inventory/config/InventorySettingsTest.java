package io.restock.inventory.config;

import io.restock.allocation.rules.PriorityRule;
import io.restock.allocation.rules.PromiseSettings;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class InventorySettingsTest {

    @Test
    void theAllocationEngineTakesTheSharedPromiseSettingsAndItsOwnIdempotencyWindows() {
        final PromiseSettings promises = PromiseSettings.parse("WEIGHTED", 10, 0.01, 5, "Europe/Berlin", 14);

        final InventorySettings s = InventorySettings.of(promises, 500, 20);

        assertThat(s.priorityRule()).isEqualTo(PriorityRule.weighted(10, 0.01, 5));
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.defaultMaxWaitDays()).isEqualTo(14);
        assertThat(s.rememberedMovementIds()).isEqualTo(500);
        assertThat(s.rememberedOrderEvents()).isEqualTo(20);
    }
}
