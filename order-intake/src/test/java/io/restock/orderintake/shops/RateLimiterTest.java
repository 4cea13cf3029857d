package io.restock.orderintake.shops;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void allowsTheBurstThenRefusesUntilTokensRefill() {
        final AtomicLong nanos = new AtomicLong();
        final RateLimiter limiter = new RateLimiter(2, 3, nanos::get);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(1);

        nanos.addAndGet(500_000_000L);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(1);
    }

    @Test
    void tellsHowManySecondsToWaitAtASlowRate() {
        final AtomicLong nanos = new AtomicLong();
        final RateLimiter limiter = new RateLimiter(0.1, 1, nanos::get);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(10);
    }
}
