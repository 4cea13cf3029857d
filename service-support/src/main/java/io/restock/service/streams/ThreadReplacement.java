package io.restock.service.streams;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The one answer to a stream thread that died of an uncaught exception: replace the thread (a transient
 * failure, e.g. a transaction that timed out while the broker was away), up to {@code maxReplacements} times
 * within {@code window}; one failure more in that window shuts the client down (state ERROR, {@code /health}
 * DOWN) instead of replacing threads forever.
 */
public final class ThreadReplacement {

    /** Three replacements in ten minutes, then shut down. */
    public static final int DEFAULT_MAX_REPLACEMENTS = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> replaced = new ArrayDeque<>();

    public ThreadReplacement(final int maxReplacements, final Duration window, final Clock clock) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must not be negative: " + maxReplacements);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #DEFAULT_MAX_REPLACEMENTS} in {@link #DEFAULT_WINDOW}, on the system clock. */
    public static ThreadReplacement defaults() {
        return new ThreadReplacement(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, Clock.systemUTC());
    }

    /** The answer to one more failed thread, counting it. */
    public synchronized StreamThreadExceptionResponse onFailure() {
        final Instant now = clock.instant();
        while (!replaced.isEmpty() && !replaced.peekFirst().isAfter(now.minus(window))) {
            replaced.pollFirst();
        }
        if (replaced.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replaced.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public String toString() {
        return maxReplacements + " replacements in " + window;
    }
}
