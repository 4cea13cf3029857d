package io.restock.notifier.delivery;

import java.time.Duration;

/**
 * Bounded retries with exponential backoff: attempt n (0-based) that fails transiently is tried again
 * after {@code initialBackoff * 2^n}, at most {@code maxBackoff}, until {@code maxAttempts} tries in all;
 * then the notification is dead-lettered.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxAttempts >= 1, 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** 5 tries: after 1 s, 2 s, 4 s, 8 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    public boolean mayRetry(final int failedAttempt) {
        return failedAttempt + 1 < maxAttempts;
    }

    public Duration backoff(final int failedAttempt) {
        final long millis = initialBackoff.toMillis() << Math.min(failedAttempt, 30);
        return millis < 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
