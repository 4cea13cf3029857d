package io.restock.inventory.streams;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.config.InventorySettings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The {@code inventory-stream.allocation} block of application.yml, as plain values, and its
 * translation into {@link InventorySettings}. Fails fast (at startup) on an unknown rule or zone.
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
        return new InventorySettings(rule(), defaultMaxWaitDays, zone(), rememberedMovementIds, rememberedOrderEvents);
    }

    PriorityRule rule() {
        final String name = priorityRule == null ? "" : priorityRule.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "FIFO" -> PriorityRule.FIFO;
            case "WEIGHTED" -> PriorityRule.weighted(tierWeight, valueWeight, waitingWeightPerDay);
            default -> throw new IllegalArgumentException(
                    "inventory-stream.allocation.priority-rule must be FIFO or WEIGHTED, not '" + priorityRule + "'");
        };
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (final DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("inventory-stream.allocation.time-zone is not a zone: " + timeZone, e);
        }
    }
}
