package io.restock.orderintake.shops;

import io.restock.orderintake.submission.MaxWaitDays;

/**
 * An authenticated shop: its id, its rate limiter and its maximum wait.
 *
 * @param maxWaitDays the longest backorder wait the shop accepts for any of its orders (DOMAIN.md rule 3), or null
 *                    (none: the customer's and the SKU's limits apply)
 */
public record Shop(String id, RateLimiter rateLimiter, Integer maxWaitDays) {

    /** The request attribute the authentication filter leaves the shop in. */
    public static final String ATTRIBUTE = "restock.shop";

    /**
     * An order's maximum wait as it enters: the tighter of the customer's ({@code customerMaxWaitDays}, may be
     * null) and the shop's. inventory-stream then applies the tighter of this and the SKU's own (or the default).
     */
    public Integer maxWaitDays(final Integer customerMaxWaitDays) {
        return MaxWaitDays.tighter(customerMaxWaitDays, maxWaitDays);
    }
}
