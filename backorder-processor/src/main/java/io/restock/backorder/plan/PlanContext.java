package io.restock.backorder.plan;

import io.restock.allocation.rules.PromiseSettings;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a plan operation needs besides the plan: the shared promise settings (zone and default maximum
 * wait, the same as inventory-stream's), the record time ({@code now}, never the wall clock) and its
 * day, and the policy switches.
 *
 * @param amendUnacknowledged whether surplus after a cancellation lowers or cancels lines the supplier
 *                            has not acknowledged (acknowledged lines are never touched: surplus becomes stock)
 * @param dropShipEnabled     whether lines may be marked drop-ship at all (the SKU policy and the offer must allow it too)
 * @param rememberedIds       input ids remembered per SKU to drop duplicates
 */
public record PlanContext(PromiseSettings promises, Instant now, boolean amendUnacknowledged,
                          boolean dropShipEnabled, int rememberedIds) {

    public LocalDate today() {
        return LocalDate.ofInstant(now, promises.zone());
    }
}
