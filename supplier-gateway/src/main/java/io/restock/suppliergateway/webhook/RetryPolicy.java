package io.restock.suppliergateway.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Bounded retries with exponential backoff and full jitter: before retry {@code n} (1-based) wait a random
 * time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. What is retried: 5xx, 429, 408, timeouts and
 * connection failures; 2xx is success; any other status (4xx, and 3xx: webhooks are not redirected) is
 * permanent.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed tries. */
    public Duration delayAfter(final int attempt, final DoubleSupplier random) {
        final long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis((long) (random.getAsDouble() * (cap + 1)));
    }

    public boolean exhausted(final int attempt) {
        return attempt >= maxAttempts;
    }

    /** Whether an HTTP status is worth another try. */
    public static boolean retryable(final int status) {
        return status >= 500 || status == 429 || status == 408;
    }
}
