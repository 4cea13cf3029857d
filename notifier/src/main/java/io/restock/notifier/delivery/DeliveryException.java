package io.restock.notifier.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery that did not happen. {@code transientFailure}: worth another try (server down, 4xx SMTP
 * reply, HTTP 5xx/429, timeouts); otherwise the message can never be delivered as it is (bad address,
 * 5xx SMTP reply, HTTP 4xx) and goes straight to the dead-letter topic.
 */
public final class DeliveryException extends Exception {

    private final boolean transientFailure;
    private final String reason;
    private final Duration retryAfter;

    public DeliveryException(final boolean transientFailure, final String reason, final String message,
                             final Throwable cause) {
        this(transientFailure, reason, message, cause, null);
    }

    /** With the wait the receiver asked for ({@code Retry-After} of a 429 or 503), or null. */
    public DeliveryException(final boolean transientFailure, final String reason, final String message,
                             final Throwable cause, final Duration retryAfter) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** The wait the receiver asked for before another try, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** Short machine-readable reason, e.g. {@code SMTP_UNAVAILABLE}, {@code WEBHOOK_HTTP_410}. */
    public String reason() {
        return reason;
    }
}
