package io.restock.service.streams;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadReplacementTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void replacesTheThreadUpToTheLimitThenShutsTheClientDown() {
        final ThreadReplacement policy = new ThreadReplacement(2, Duration.ofMinutes(10), clock);

        assertThat(policy.onFailure()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onFailure()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onFailure()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        final ThreadReplacement policy = new ThreadReplacement(2, Duration.ofMinutes(10), clock);
        policy.onFailure();
        now.set(now.get().plus(Duration.ofMinutes(6)));
        policy.onFailure();
        now.set(now.get().plus(Duration.ofMinutes(5)));

        assertThat(policy.onFailure()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.onFailure()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void noReplacementsAllowedShutsDownAtTheFirstFailure() {
        assertThat(new ThreadReplacement(0, Duration.ofMinutes(1), clock).onFailure())
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void rejectsANegativeLimitOrAnEmptyWindow() {
        assertThatThrownBy(() -> new ThreadReplacement(-1, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadReplacement(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
