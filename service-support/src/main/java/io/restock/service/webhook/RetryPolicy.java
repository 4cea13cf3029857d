package io.restock.service.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How Restock retries a delivery (webhooks of the notifier and supplier-gateway, and the notifier's email):
 * bounded retries with exponential backoff and full jitter: before retry {@code n} (1-based) wait a random
 * time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. What is retried: 5xx, 429, 408, timeouts and
 * connection failures; 2xx is success; any other status (4xx, and 3xx: webhooks are not redirected) is
 * permanent. A 429 or 503 that says {@code Retry-After} is retried after the wait it asks for, at most
 * {@code maxDelay} (the bound on every wait), instead of the backoff.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxAttempts >= 1, 0 <= baseDelay <= maxDelay");
        }
    }

    /** 5 tries, waits capped at 1 s, 2 s, 4 s, 8 s (jittered), at most a minute. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed tries. */
    public Duration delayAfter(final int attempt, final DoubleSupplier random) {
        final long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis((long) (random.getAsDouble() * (cap + 1)));
    }

    /**
     * The wait before attempt {@code attempt + 1}: what the receiver asked for in {@code Retry-After}, capped at
     * {@code maxDelay}; without it, the jittered backoff of {@link #delayAfter(int, DoubleSupplier)}.
     */
    public Duration delayAfter(final int attempt, final Optional<Duration> retryAfter, final DoubleSupplier random) {
        return retryAfter.map(asked -> asked.compareTo(maxDelay) > 0 ? maxDelay : asked)
                .orElseGet(() -> delayAfter(attempt, random));
    }

    public boolean exhausted(final int attempt) {
        return attempt >= maxAttempts;
    }

    /** Whether an HTTP status is worth another try. */
    public static boolean retryable(final int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** Whether a status's {@code Retry-After} is honoured: 429 (rate limited) and 503 (unavailable). */
    public static boolean honoursRetryAfter(final int status) {
        return status == 429 || status == 503;
    }

    /**
     * A {@code Retry-After} value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as a wait from {@code now};
     * a date in the past is no wait. Empty when absent or unreadable (the backoff applies then).
     */
    public static Optional<Duration> retryAfter(final String value, final Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        final String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (final NumberFormatException e) {
                return Optional.empty(); // more digits than a long: unreadable
            }
        }
        try {
            final Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (final DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
