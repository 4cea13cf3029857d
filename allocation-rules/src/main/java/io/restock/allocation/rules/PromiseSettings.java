package io.restock.allocation.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * The one configuration of promises that every service reading or ranking a SKU's queue shares
 * (issue 12, finding 2 and 4): the priority rule with its weights, the zone "today" is taken in, and
 * the default maximum wait of a SKU whose policy sets none. Each service's application.yml has the
 * same {@code restock.promises} block, parsed here; an unknown rule name or zone fails at start.
 *
 * @param rule               who is served first (rule 5)
 * @param zone               the zone in which "today" is taken for dates
 * @param defaultMaxWaitDays the maximum wait when neither the SKU nor the order sets one (rule 3); also
 *                           what new supply must meet when the supplier is chosen
 */
public record PromiseSettings(PriorityRule rule, ZoneId zone, int defaultMaxWaitDays) {

    public PromiseSettings {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(zone, "zone");
        if (defaultMaxWaitDays < 0) {
            throw new IllegalArgumentException("defaultMaxWaitDays must be >= 0: " + defaultMaxWaitDays);
        }
    }

    /** FIFO, UTC, 30 days. */
    public static PromiseSettings defaults() {
        return new PromiseSettings(PriorityRule.FIFO, ZoneId.of("UTC"), 30);
    }

    /**
     * The settings from configuration values.
     *
     * @throws IllegalArgumentException naming the key, for a rule other than FIFO or WEIGHTED or an unknown zone
     */
    public static PromiseSettings parse(final String ruleName, final double tierWeight, final double valueWeight,
                                        final double waitingWeightPerDay, final String zone,
                                        final int defaultMaxWaitDays) {
        final String name = ruleName == null ? "" : ruleName.trim().toUpperCase(Locale.ROOT);
        final PriorityRule rule = switch (name) {
            case "FIFO" -> PriorityRule.FIFO;
            case "WEIGHTED" -> PriorityRule.weighted(tierWeight, valueWeight, waitingWeightPerDay);
            default -> throw new IllegalArgumentException(
                    "restock.promises.priority-rule must be FIFO or WEIGHTED, not '" + ruleName + "'");
        };
        final ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (final DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("restock.promises.time-zone is not a zone: " + zone, e);
        }
        return new PromiseSettings(rule, zoneId, defaultMaxWaitDays);
    }

    /** The SKU's maximum wait, or the default when it sets none. */
    public int maxWaitDays(final Integer skuMaxWaitDays) {
        return skuMaxWaitDays != null ? skuMaxWaitDays : defaultMaxWaitDays;
    }

    /** The latest date new supply may bring a customer's units (handling included): what a supplier must meet. */
    public LocalDate needBy(final LocalDate today, final Integer skuMaxWaitDays) {
        return today.plusDays(maxWaitDays(skuMaxWaitDays));
    }

    public PromiseSettings withRule(final PriorityRule newRule) {
        return new PromiseSettings(newRule, zone, defaultMaxWaitDays);
    }
}
