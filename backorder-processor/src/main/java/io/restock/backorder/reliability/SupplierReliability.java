package io.restock.backorder.reliability;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A supplier's record of promised against actual arrival: a line counts once, at its first
 * delivery, as on time (arrived on or before the promised date) or late, with the days it was late.
 */
public record SupplierReliability(String supplierId, int onTime, int late, long daysLate) {

    public static SupplierReliability none(final String supplierId) {
        return new SupplierReliability(supplierId, 0, 0, 0);
    }

    public SupplierReliability record(final LocalDate promised, final LocalDate arrived) {
        final long lateBy = ChronoUnit.DAYS.between(promised, arrived);
        return lateBy <= 0
                ? new SupplierReliability(supplierId, onTime + 1, late, daysLate)
                : new SupplierReliability(supplierId, onTime, late + 1, daysLate + lateBy);
    }

    public int deliveries() {
        return onTime + late;
    }

    /** Share of deliveries on time, 0..1; 1 with no deliveries yet. */
    public double onTimeRate() {
        return deliveries() == 0 ? 1.0 : (double) onTime / deliveries();
    }

    /** Average days late over all deliveries (on-time ones count 0). */
    public double averageDaysLate() {
        return deliveries() == 0 ? 0.0 : (double) daysLate / deliveries();
    }
}
