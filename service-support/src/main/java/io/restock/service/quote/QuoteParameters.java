package io.restock.service.quote;

import io.restock.service.problem.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query of an availability quote ({@code GET /skus/{sku}/availability}), read the same way at both of its
 * HTTP edges (order-intake for shops, inventory-stream for the computation), so both answer the same 400.
 *
 * @param quantity    units the shop would order: 1..{@value #MAX_QUANTITY} (an order line's bounds)
 * @param maxWaitDays the longest wait the order would accept, 1..{@value #MAX_WAIT_DAYS} days, or null (none)
 * @param tier        the customer's tier ({@code STANDARD}, {@code SILVER}, {@code GOLD}, {@code PLATINUM}), or
 *                    null (STANDARD); only the WEIGHTED priority rule reads it
 * @param unitPrice   the unit price the line would have (&ge; 0), or null (0); only the WEIGHTED rule reads it
 */
public record QuoteParameters(int quantity, Integer maxWaitDays, String tier, BigDecimal unitPrice) {

    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_WAIT_DAYS = 365;
    public static final List<String> TIERS = List.of("STANDARD", "SILVER", "GOLD", "PLATINUM");
    private static final Set<String> TIER_SET = Set.copyOf(TIERS);

    /** Either the parameters or every violation found. */
    public sealed interface Parsed {
        record Valid(QuoteParameters parameters) implements Parsed {
        }

        record Invalid(List<Violation> violations) implements Parsed {
        }
    }

    /** Reads the raw query values (null when absent). */
    public static Parsed parse(final String quantity, final String maxWaitDays, final String tier,
                               final String unitPrice) {
        final List<Violation> violations = new ArrayList<>();
        final Integer units = wholeNumber("quantity", quantity, true, 1, MAX_QUANTITY, violations);
        final Integer days = wholeNumber("maxWaitDays", maxWaitDays, false, 1, MAX_WAIT_DAYS, violations);
        String tierName = null;
        if (tier != null) {
            tierName = tier.trim().toUpperCase(Locale.ROOT);
            if (!TIER_SET.contains(tierName)) {
                violations.add(new Violation("tier", "unknown-value", "one of " + String.join(", ", TIERS)));
            }
        }
        BigDecimal price = null;
        if (unitPrice != null) {
            try {
                price = new BigDecimal(unitPrice.trim());
                if (price.signum() < 0 || price.scale() > 4 || price.precision() - price.scale() > 15) {
                    violations.add(new Violation("unitPrice", "out-of-range",
                            "a unit price is >= 0 with at most 4 decimals and 15 integer digits"));
                }
            } catch (final NumberFormatException e) {
                violations.add(new Violation("unitPrice", "not-a-number", "must be a decimal number such as 19.99"));
            }
        }
        if (!violations.isEmpty()) {
            return new Parsed.Invalid(List.copyOf(violations));
        }
        return new Parsed.Valid(new QuoteParameters(units, days, tierName, price));
    }

    /** This quote's query string, without the leading {@code ?}: what one edge forwards to the next. */
    public String query() {
        final StringBuilder query = new StringBuilder("quantity=").append(quantity);
        if (maxWaitDays != null) {
            query.append("&maxWaitDays=").append(maxWaitDays);
        }
        if (tier != null) {
            query.append("&tier=").append(tier);
        }
        if (unitPrice != null) {
            query.append("&unitPrice=").append(unitPrice.toPlainString());
        }
        return query.toString();
    }

    /** The same quote with its maximum wait capped at {@code limit} days (null: no cap). */
    public QuoteParameters cappedAt(final Integer limit) {
        if (limit == null) {
            return this;
        }
        return new QuoteParameters(quantity, maxWaitDays == null ? limit : Math.min(maxWaitDays, limit), tier,
                unitPrice);
    }

    private static Integer wholeNumber(final String field, final String raw, final boolean required, final int min,
                                       final int max, final List<Violation> violations) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "required", "a whole number " + min + ".." + max + " is required"));
            }
            return null;
        }
        final int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (final NumberFormatException e) {
            violations.add(new Violation(field, "not-an-integer", "must be a whole number " + min + ".." + max));
            return null;
        }
        if (value < min || value > max) {
            violations.add(new Violation(field, value < 1 ? "must-be-positive" : "out-of-range",
                    "a whole number " + min + ".." + max));
            return null;
        }
        return value;
    }
}
