package io.restock.inventory.config;

import io.restock.allocation.rules.PriorityRule;
import io.restock.allocation.rules.PromiseSettings;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What an operator may tune in the allocation engine. Code sets only invariants; {@code InventoryStreamsFactory}
 * binds these from {@code application.yml}.
 *
 * @param priorityRule           who gets arriving stock first (rule 5)
 * @param defaultMaxWaitDays     the shop-wide maximum wait when a SKU's policy sets none (rule 3)
 * @param zone                   the zone in which "today" is taken for dates
 * @param rememberedMovementIds  warehouse movement ids remembered per SKU to drop duplicates
 * @param rememberedOrderEvents  order event ids remembered per order to drop duplicates
 */
public record InventorySettings(PriorityRule priorityRule, int defaultMaxWaitDays, ZoneId zone,
                                int rememberedMovementIds, int rememberedOrderEvents) {

    public InventorySettings {
        Objects.requireNonNull(priorityRule, "priorityRule");
        Objects.requireNonNull(zone, "zone");
        if (defaultMaxWaitDays < 0 || rememberedMovementIds < 1 || rememberedOrderEvents < 1) {
            throw new IllegalArgumentException("defaultMaxWaitDays >= 0, remembered ids >= 1");
        }
    }

    /**
     * The shared promise settings (the {@code restock.promises} block: rule, default maximum wait, zone) with the
     * allocation engine's own idempotency windows.
     */
    public static InventorySettings of(final PromiseSettings promises, final int rememberedMovementIds,
                                       final int rememberedOrderEvents) {
        return new InventorySettings(promises.rule(), promises.defaultMaxWaitDays(), promises.zone(),
                rememberedMovementIds, rememberedOrderEvents);
    }

    /** FIFO, 30 days' maximum wait, UTC, 1000 movement ids per SKU, 50 event ids per order. */
    public static InventorySettings defaults() {
        return new InventorySettings(PriorityRule.FIFO, 30, ZoneOffset.UTC, 1000, 50);
    }

    public InventorySettings withPriorityRule(final PriorityRule rule) {
        return new InventorySettings(rule, defaultMaxWaitDays, zone, rememberedMovementIds, rememberedOrderEvents);
    }
}
