package io.restock.orderintake.shops;

/** An authenticated shop: its id and its rate limiter. */
public record Shop(String id, RateLimiter rateLimiter) {

    /** The request attribute the authentication filter leaves the shop in. */
    public static final String ATTRIBUTE = "restock.shop";
}
