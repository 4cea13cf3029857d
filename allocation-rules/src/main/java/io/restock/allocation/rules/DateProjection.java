package io.restock.allocation.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Projects delivery dates for a SKU's backorders (DOMAIN.md rule 4): walk the claims in the order of
 * the {@link PriorityRule} against the supply, first the units available today, then inbound units
 * by expected date, then new supply arriving {@code today + lead time}; a claim's date is the date
 * its last unit is covered, plus the handling days.
 *
 * <p>Pure and deterministic: {@code today} and {@code now} are passed in (stream time in a topology).
 * A claim that no known supply covers (no supplier lead time and not enough stock or inbound) gets
 * no date.
 */
public final class DateProjection {

    private final PriorityRule rule;

    public DateProjection(final PriorityRule rule) {
        this.rule = rule;
    }

    /** One claim's projection. */
    public record Projected(Claim claim, int queuePosition, Optional<LocalDate> date) {
    }

    /** Every claim's date, in priority order (queue position 1 first). */
    public List<Projected> project(final List<Claim> claims, final Supply supply, final LocalDate today,
                                   final Instant now) {
        final Walk walk = new Walk(supply, today);
        final List<Projected> result = new ArrayList<>(claims.size());
        int position = 0;
        for (final Claim claim : rule.rank(claims, now)) {
            position++;
            result.add(new Projected(claim, position, walk.take(claim.quantity())));
        }
        return result;
    }

    /** The dates by {@code orderId/lineId}, for callers that look claims up. */
    public Map<String, Optional<LocalDate>> datesByLine(final List<Claim> claims, final Supply supply,
                                                       final LocalDate today, final Instant now) {
        final Map<String, Optional<LocalDate>> dates = new LinkedHashMap<>();
        for (final Projected p : project(claims, supply, today, now)) {
            dates.put(p.claim().orderId() + "/" + p.claim().lineId(), p.date());
        }
        return dates;
    }

    /**
     * The date a new claim of {@code quantity} units would get if it joined the queue behind every
     * existing claim (the acceptance question: "if we take this order now, when can it ship?").
     */
    public Optional<LocalDate> forNewDemand(final List<Claim> waiting, final int quantity, final Supply supply,
                                            final LocalDate today, final Instant now) {
        final Walk walk = new Walk(supply, today);
        for (final Claim claim : rule.rank(waiting, now)) {
            walk.take(claim.quantity());
        }
        return walk.take(quantity);
    }

    /**
     * The date {@code quantity} units get behind {@code unitsAhead} units already promised (a claim
     * joining at the back of the queue): O(supply), whatever the queue's length.
     */
    public static Optional<LocalDate> behind(final int unitsAhead, final int quantity, final Supply supply,
                                             final LocalDate today) {
        final Walk walk = new Walk(supply, today);
        if (unitsAhead > 0) {
            walk.take(unitsAhead);
        }
        return walk.take(quantity);
    }

    /** The supply consumed so far, bucket by bucket. */
    private static final class Walk {
        private final Supply supply;
        private final LocalDate today;
        private final List<Supply.Inbound> buckets = new ArrayList<>();
        private int bucket;
        private int leftInBucket;

        Walk(final Supply supply, final LocalDate today) {
            this.supply = supply;
            this.today = today;
            buckets.add(new Supply.Inbound(today, supply.availableNow()));
            buckets.addAll(supply.inbound());
            leftInBucket = buckets.getFirst().quantity();
        }

        /** Takes {@code units} and says on which date the last one is there, plus handling days. */
        Optional<LocalDate> take(final int units) {
            int needed = units;
            while (bucket < buckets.size()) {
                final int taken = Math.min(needed, leftInBucket);
                needed -= taken;
                leftInBucket -= taken;
                if (needed == 0) {
                    return Optional.of(max(today, buckets.get(bucket).expected()).plusDays(supply.handlingDays()));
                }
                bucket++;
                leftInBucket = bucket < buckets.size() ? buckets.get(bucket).quantity() : 0;
            }
            if (supply.newSupplyLeadTime().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(today.plusDays(supply.newSupplyLeadTime().getAsInt() + (long) supply.handlingDays()));
        }

        private static LocalDate max(final LocalDate a, final LocalDate b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
