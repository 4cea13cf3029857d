package io.restock.inventory.streams;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.inventory.config.InventorySettings;


/**
 * The shared {@code restock.promises} block and the {@code inventory-stream.allocation} block of
 * application.yml, as plain values, and their translation into {@link InventorySettings}, through the
 * one parser every service uses ({@link PromiseSettings#parse}). Fails fast (at startup) on an unknown
 * rule or zone.
 *
 * @param priorityRule          {@code FIFO} or {@code WEIGHTED}
 * @param tierWeight            WEIGHTED: points per customer tier rank
 * @param valueWeight           WEIGHTED: points per unit of line value
 * @param waitingWeightPerDay   WEIGHTED: points per day waited
 * @param defaultMaxWaitDays    the shop-wide maximum wait when a SKU sets none
 * @param timeZone              the zone "today" is taken in (an IANA id or an offset)
 * @param rememberedMovementIds warehouse movement ids remembered per SKU (the idempotency window)
 * @param rememberedOrderEvents order event ids remembered per order
 */
public record AllocationSettings(String priorityRule, double tierWeight, double valueWeight,
                                 double waitingWeightPerDay, int defaultMaxWaitDays, String timeZone,
                                 int rememberedMovementIds, int rememberedOrderEvents) {

    public InventorySettings toInventorySettings() {
        final PromiseSettings promises = PromiseSettings.parse(priorityRule, tierWeight, valueWeight,
                waitingWeightPerDay, timeZone, defaultMaxWaitDays);
        return new InventorySettings(promises.rule(), promises.defaultMaxWaitDays(), promises.zone(),
                rememberedMovementIds, rememberedOrderEvents);
    }
}
