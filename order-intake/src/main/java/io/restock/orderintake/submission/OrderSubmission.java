package io.restock.orderintake.submission;

import io.restock.events.CustomerTier;
import io.restock.events.ShippingPolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A valid order as a shop submitted it (HTTP body or the {@code order} of a JSON topic event).
 * Only {@link Submissions} makes these, so every instance passed validation.
 */
public record OrderSubmission(String orderId, Customer customer, String currency, List<Line> lines, Instant placedAt,
                              ShippingPolicy shippingPolicy, Integer maxWaitDays) {

    /** Who ordered. */
    public record Customer(String id, String email, CustomerTier tier, String locale) {
    }

    /** One order line; the price is per unit in the order's currency. */
    public record Line(String lineId, String sku, int quantity, BigDecimal unitPrice) {
    }
}
