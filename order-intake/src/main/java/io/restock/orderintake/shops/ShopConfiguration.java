package io.restock.orderintake.shops;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * One shop, from {@code restock.shops.<shop-id>}.
 *
 * @param shopId             the shop's id (the key under {@code restock.shops})
 * @param apiKeySha256       hex SHA-256 of its API key; the key itself is never stored
 * @param rateLimitPerSecond requests per second (default 200)
 * @param rateLimitBurst     requests in a burst (default: the same as the rate)
 * @param maxWaitDays        the longest backorder wait the shop accepts, applied to every order it places and every
 *                           quote it asks for (none by default); text, so that an unset environment variable
 *                           ({@code max-wait-days: ${X:}}) reads as none
 */
@EachProperty("restock.shops")
public record ShopConfiguration(@Parameter String shopId,
                                @Nullable String apiKeySha256,
                                @Bindable(defaultValue = "200") double rateLimitPerSecond,
                                @Nullable Double rateLimitBurst,
                                @Nullable String maxWaitDays) {

    public ShopConfiguration {
        rateLimitBurst = rateLimitBurst == null ? rateLimitPerSecond : rateLimitBurst;
    }
}
