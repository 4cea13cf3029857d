package io.restock.inventory.allocation;

import io.restock.allocation.rules.Claim;
import io.restock.allocation.rules.PriorityRule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/**
 * A bound on the back of a SKU's backorder queue under one priority rule, kept with the SKU so that
 * a newly backordered line's queue position is known without reading the queue when the line ranks
 * behind every waiting one (the usual case: it is the newest).
 *
 * <ul>
 *   <li>FIFO ranks by a fixed key (placedAt, orderId, lineId): {@code last} is the greatest key any
 *       waiting line has had. A claim ranked after it is ranked after every waiting line.</li>
 *   <li>WEIGHTED ranks by a score that never falls as time passes: {@code scoreFloor} is at most the
 *       score every waiting line had at {@code asOf} or later. At a time at or after {@code asOf},
 *       a claim scoring below the floor is ranked after every waiting line.</li>
 * </ul>
 * Lines that leave the queue only loosen the bound, so it stays valid; when it cannot decide (or was
 * made under another rule) the caller ranks the whole queue and rebuilds it with {@link #over}.
 *
 * @param rule       the rule it was made under ({@code PriorityRule.toString()})
 * @param last       FIFO: the greatest (placedAt, orderId, lineId) seen
 * @param scoreFloor WEIGHTED: a lower bound of the waiting lines' scores from {@code asOf} on
 * @param asOf       WEIGHTED: the time the floor holds from
 */
public record QueueTail(String rule, Claim last, double scoreFloor, Instant asOf) {

    /** Whether {@code claim} ranks after every line waiting now, as far as this bound can tell. */
    public boolean ranksLast(final Claim claim, final PriorityRule priority, final Instant now) {
        if (!rule.equals(priority.toString())) {
            return false;
        }
        return switch (priority) {
            case PriorityRule.Fifo fifo -> PriorityRule.TIE_BREAK.compare(last, claim) < 0;
            case PriorityRule.Weighted weighted -> !now.isBefore(asOf) && weighted.score(claim, now) < scoreFloor;
        };
    }

    /** This bound with {@code claim} joined at the back ({@link #ranksLast} was true). */
    public QueueTail with(final Claim claim, final PriorityRule priority, final Instant now) {
        return switch (priority) {
            case PriorityRule.Fifo fifo -> new QueueTail(rule, key(claim), 0, now);
            case PriorityRule.Weighted weighted ->
                    new QueueTail(rule, last, Math.min(scoreFloor, weighted.score(claim, now)), now);
        };
    }

    /** The bound over a whole queue (not empty) at {@code now}. */
    public static QueueTail over(final Collection<Claim> waiting, final PriorityRule priority, final Instant now) {
        return switch (priority) {
            case PriorityRule.Fifo fifo -> new QueueTail(priority.toString(),
                    key(waiting.stream().max(PriorityRule.TIE_BREAK).orElseThrow()), 0, now);
            case PriorityRule.Weighted weighted -> {
                final Claim any = waiting.iterator().next();
                yield new QueueTail(priority.toString(), key(any),
                        waiting.stream().mapToDouble(c -> weighted.score(c, now)).min().orElseThrow(), now);
            }
        };
    }

    /** Only what FIFO compares. */
    private static Claim key(final Claim claim) {
        return new Claim(claim.orderId(), claim.lineId(), claim.placedAt(), 0, BigDecimal.ZERO, 0);
    }
}
