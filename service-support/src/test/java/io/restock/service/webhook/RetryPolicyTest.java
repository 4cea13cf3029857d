package io.restock.service.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(60));
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void backsOffExponentiallyWithFullJitterUpToTheMaximum() {
        assertThat(POLICY.delayAfter(1, () -> 0.999_999)).isEqualTo(Duration.ofMillis(500));
        assertThat(POLICY.delayAfter(3, () -> 0.999_999)).isEqualTo(Duration.ofMillis(2000));
        assertThat(POLICY.delayAfter(30, () -> 0.999_999)).isEqualTo(Duration.ofSeconds(60));
        assertThat(POLICY.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void waitsWhatRetryAfterAsksInsteadOfTheBackoff() {
        assertThat(POLICY.delayAfter(1, Optional.of(Duration.ofSeconds(7)), () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(POLICY.delayAfter(1, Optional.empty(), () -> 0.999_999)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void neverWaitsLongerThanTheMaximumDelayWhateverRetryAfterSays() {
        assertThat(POLICY.delayAfter(1, Optional.of(Duration.ofHours(1)), () -> 0.0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresAnAbsentOrUnreadableRetryAfter() {
        assertThat(RetryPolicy.retryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void honoursRetryAfterOnlyOnTooManyRequestsAndUnavailable() {
        assertThat(RetryPolicy.honoursRetryAfter(429)).isTrue();
        assertThat(RetryPolicy.honoursRetryAfter(503)).isTrue();
        assertThat(RetryPolicy.honoursRetryAfter(500)).isFalse();
        assertThat(RetryPolicy.honoursRetryAfter(408)).isFalse();
    }
}
