package io.restock.backorder.config;

import io.restock.allocation.rules.PromiseSettings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What an operator may tune in backorder-processor. The Micronaut factory binds these from the
 * {@code backorder-processor} block of {@code application.yml}; code sets only invariants.
 *
 * @param promises            the shared promise settings (restock.promises): the zone "today" is taken in and the
 *                            default maximum wait the supplier choice must meet; the same as inventory-stream's
 * @param batchWindow         how long a supplier's batch gathers requirements (stream time) before it is issued
 * @param idleFlushAfter      wall-clock backstop: a batch whose window ended this long ago by the wall clock is
 *                            issued even if its partition's stream time stands still; zero disables it
 * @param amendUnacknowledged lower or cancel lines not yet acknowledged when demand disappears
 * @param dropShipEnabled     mark lines drop-ship when the SKU policy and the offer allow it
 * @param rememberedIds       input ids remembered per SKU / purchase order to drop duplicates
 * @param answerWait          how long (wall clock) a supplier answer that arrives before its purchase order has been
 *                            read back waits for it, before it is dead-lettered as {@code UNKNOWN_PURCHASE_ORDER}
 */
public record BackorderSettings(PromiseSettings promises, Duration batchWindow, Duration idleFlushAfter,
                                boolean amendUnacknowledged, boolean dropShipEnabled, int rememberedIds,
                                Duration answerWait) {

    public BackorderSettings {
        Objects.requireNonNull(promises, "promises");
        Objects.requireNonNull(batchWindow, "batchWindow");
        Objects.requireNonNull(idleFlushAfter, "idleFlushAfter");
        Objects.requireNonNull(answerWait, "answerWait");
        if (batchWindow.isNegative() || idleFlushAfter.isNegative() || rememberedIds < 1 || !answerWait.isPositive()) {
            throw new IllegalArgumentException("durations >= 0, answerWait > 0, rememberedIds >= 1");
        }
    }

    /**
     * The shared defaults (FIFO, UTC, 30 days), 15-minute batches with a 1-minute wall-clock backstop, amending on, drop-ship off, 1000 ids,
     * early supplier answers wait up to 1 hour for their purchase order.
     */
    public static BackorderSettings defaults() {
        return new BackorderSettings(PromiseSettings.defaults(), Duration.ofMinutes(15), Duration.ofMinutes(1),
                true, false, 1000, Duration.ofHours(1));
    }

    public ZoneId zone() {
        return promises.zone();
    }

    public BackorderSettings withBatchWindow(final Duration window) {
        return new BackorderSettings(promises, window, idleFlushAfter, amendUnacknowledged, dropShipEnabled,
                rememberedIds, answerWait);
    }

    public BackorderSettings withPriorityRule(final io.restock.allocation.rules.PriorityRule rule) {
        return new BackorderSettings(promises.withRule(rule), batchWindow, idleFlushAfter, amendUnacknowledged, dropShipEnabled,
                rememberedIds, answerWait);
    }

    public BackorderSettings withDropShip(final boolean enabled) {
        return new BackorderSettings(promises, batchWindow, idleFlushAfter, amendUnacknowledged, enabled,
                rememberedIds, answerWait);
    }

    public BackorderSettings withAnswerWait(final Duration wait) {
        return new BackorderSettings(promises, batchWindow, idleFlushAfter, amendUnacknowledged,
                dropShipEnabled, rememberedIds, wait);
    }
}
