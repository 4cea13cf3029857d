package io.restock.orderintake.shops;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One shop, from {@code restock.shops.<shop-id>}: {@code api-key-sha256} (hex SHA-256 of its API key;
 * the key itself is never stored), {@code rate-limit-per-second} and {@code rate-limit-burst}
 * (requests; defaults 200 and the same as the rate), and {@code max-wait-days}: the longest backorder wait the
 * shop accepts, applied to every order it places and every quote it asks for (none by default).
 */
@EachProperty("restock.shops")
public final class ShopConfiguration {

    private final String shopId;
    private String apiKeySha256;
    private double rateLimitPerSecond = 200;
    private Double rateLimitBurst;
    /** Text, so that an unset environment variable ({@code max-wait-days: ${X:}}) reads as none. */
    private String maxWaitDays;

    public ShopConfiguration(@Parameter final String shopId) {
        this.shopId = shopId;
    }

    public String getShopId() {
        return shopId;
    }

    public String getApiKeySha256() {
        return apiKeySha256;
    }

    public void setApiKeySha256(final String apiKeySha256) {
        this.apiKeySha256 = apiKeySha256;
    }

    public double getRateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public void setRateLimitPerSecond(final double rateLimitPerSecond) {
        this.rateLimitPerSecond = rateLimitPerSecond;
    }

    public double getRateLimitBurst() {
        return rateLimitBurst == null ? rateLimitPerSecond : rateLimitBurst;
    }

    public void setRateLimitBurst(final Double rateLimitBurst) {
        this.rateLimitBurst = rateLimitBurst;
    }

    public String getMaxWaitDays() {
        return maxWaitDays;
    }

    public void setMaxWaitDays(final String maxWaitDays) {
        this.maxWaitDays = maxWaitDays;
    }
}
