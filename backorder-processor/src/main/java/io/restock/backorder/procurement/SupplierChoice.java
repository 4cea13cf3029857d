package io.restock.backorder.procurement;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Which supplier a SKU's need goes to (rule 8). Among the active offers of suppliers not excluded
 * (a supplier that rejected or shorted this SKU is excluded until its offer changes):
 * <ol>
 *   <li>the offers whose lead time meets the promise: {@code today + leadTime + handlingDays <= needBy}
 *       (every offer meets an absent {@code needBy});</li>
 *   <li>among those, the lowest unit cost, then the highest reliability, then the shorter lead time,
 *       then the supplier id (so the choice is deterministic);</li>
 *   <li>if none meets the promise, the shortest lead time, then cost, reliability and supplier id:
 *       the date slips as little as possible.</li>
 * </ol>
 */
public final class SupplierChoice {

    private static final Comparator<Offer> CHEAPEST = Comparator.comparing(Offer::unitCost)
            .thenComparing(Comparator.comparingDouble(Offer::reliability).reversed())
            .thenComparingInt(Offer::leadTimeDays)
            .thenComparing(Offer::supplierId);

    private static final Comparator<Offer> FASTEST = Comparator.comparingInt(Offer::leadTimeDays)
            .thenComparing(Offer::unitCost)
            .thenComparing(Comparator.comparingDouble(Offer::reliability).reversed())
            .thenComparing(Offer::supplierId);

    private SupplierChoice() {
    }

    public static Optional<Offer> choose(final Collection<Offer> offers, final Set<String> excluded,
                                         final LocalDate today, final int handlingDays, final LocalDate needBy) {
        final var candidates = offers.stream()
                .filter(Offer::active)
                .filter(o -> !excluded.contains(o.supplierId()))
                .toList();
        final Optional<Offer> meeting = candidates.stream()
                .filter(o -> needBy == null || !today.plusDays(o.leadTimeDays() + (long) handlingDays).isAfter(needBy))
                .min(CHEAPEST);
        return meeting.isPresent() ? meeting : candidates.stream().min(FASTEST);
    }
}
