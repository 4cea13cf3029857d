package io.restock.orderintake.shops;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. One per shop
 * and instance, so with N instances a shop may get up to N times its rate.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    public RateLimiter(final double perSecond, final double burst, final LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 if the request may go ahead, else the whole seconds to wait (at least 1)
     */
    public synchronized long tryAcquire() {
        final long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        final double nanosToWait = (1 - tokens) / perNano;
        return Math.max(1, (long) Math.ceil(nanosToWait / TimeUnit.SECONDS.toNanos(1)));
    }
}
