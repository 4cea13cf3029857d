package io.restock.backorder.plan;

import io.restock.allocation.rules.Claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A backordered line as mirrored from inventory-stream's line events: units still waiting and the
 * date last promised for it (at acceptance, then by every re-projection).
 */
public record Backorder(String orderId, String lineId, Instant placedAt, int tierRank, BigDecimal lineValue,
                        int waiting, LocalDate date) {

    public String key() {
        return key(orderId, lineId);
    }

    public static String key(final String orderId, final String lineId) {
        return orderId + "/" + lineId;
    }

    Claim claim() {
        return new Claim(orderId, lineId, placedAt, tierRank, lineValue, waiting);
    }

    Backorder withWaiting(final int units) {
        return new Backorder(orderId, lineId, placedAt, tierRank, lineValue, units, date);
    }

    Backorder withDate(final LocalDate newDate) {
        return new Backorder(orderId, lineId, placedAt, tierRank, lineValue, waiting, newDate);
    }
}
