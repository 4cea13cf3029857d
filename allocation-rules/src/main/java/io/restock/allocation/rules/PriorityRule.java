package io.restock.allocation.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who gets arriving stock first (DOMAIN.md rule 5). The same rule orders the backorder queue in
 * inventory-stream (allocation) and in backorder-processor (date projection), so the dates promised
 * are the dates delivered.
 *
 * <p>Deterministic: the order depends only on the claims and the explicit {@code now}, never on the
 * wall clock or on input order. Callers in a stream pass the record's (stream) time, so a replay
 * ranks exactly as the original run did. Ties always break by {@code placedAt}, then {@code orderId},
 * then {@code lineId}.
 */
public sealed interface PriorityRule permits PriorityRule.Fifo, PriorityRule.Weighted {

    /** First placed, first served: the default. */
    PriorityRule FIFO = new Fifo();

    /**
     * A weighted score; higher goes first.
     *
     * @param tierWeight          points per tier rank (STANDARD 0, SILVER 1, GOLD 2, PLATINUM 3)
     * @param valueWeight         points per unit of line value (unit price times ordered quantity)
     * @param waitingWeightPerDay points per day waited since placement, so long waits rise and nobody starves
     */
    static PriorityRule weighted(final double tierWeight, final double valueWeight, final double waitingWeightPerDay) {
        return new Weighted(tierWeight, valueWeight, waitingWeightPerDay);
    }

    /** The comparator that ranks claims at {@code now}: the first element is served first. */
    Comparator<Claim> order(Instant now);

    /** The claims ranked at {@code now}; a new list, the input is not changed. */
    default List<Claim> rank(final List<Claim> claims, final Instant now) {
        return claims.stream().sorted(order(now)).toList();
    }

    /** The tie-break every rule ends with: placedAt, then orderId, then lineId. */
    Comparator<Claim> TIE_BREAK = Comparator.comparing(Claim::placedAt)
            .thenComparing(Claim::orderId)
            .thenComparing(Claim::lineId);

    /** First placed, first served. */
    record Fifo() implements PriorityRule {
        @Override
        public Comparator<Claim> order(final Instant now) {
            return TIE_BREAK;
        }

        @Override
        public String toString() {
            return "FIFO";
        }
    }

    /**
     * score = tierWeight * tierRank + valueWeight * lineValue + waitingWeightPerDay * daysWaited, where
     * daysWaited = max(0, now - placedAt) in fractional days. Higher score first, then {@link #TIE_BREAK}.
     *
     * <p>The waiting term grows at the same rate for every claim, so between two claims it amounts to
     * {@code waitingWeightPerDay} points for each day one was placed before the other: an order
     * placed {@code tierWeight * Δrank / waitingWeightPerDay} days earlier overtakes a higher tier.
     */
    record Weighted(double tierWeight, double valueWeight, double waitingWeightPerDay) implements PriorityRule {

        private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

        public Weighted {
            if (!(tierWeight >= 0 && valueWeight >= 0 && waitingWeightPerDay >= 0)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
            if (Double.isInfinite(tierWeight) || Double.isInfinite(valueWeight) || Double.isInfinite(waitingWeightPerDay)) {
                throw new IllegalArgumentException("weights must be finite");
            }
        }

        /** The claim's score at {@code now}. */
        public double score(final Claim claim, final Instant now) {
            Objects.requireNonNull(now, "now");
            final long waitedMillis = Math.max(0, now.toEpochMilli() - claim.placedAt().toEpochMilli());
            final BigDecimal value = claim.lineValue();
            return tierWeight * claim.tierRank()
                    + valueWeight * value.doubleValue()
                    + waitingWeightPerDay * (waitedMillis / MILLIS_PER_DAY);
        }

        @Override
        public Comparator<Claim> order(final Instant now) {
            return Comparator.comparingDouble((Claim c) -> score(c, now)).reversed().thenComparing(TIE_BREAK);
        }
    }
}
