package io.restock.notifier.decision;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How far a line's delivery date moved from the date the customer was last told, and whether that is
 * worth telling. Dates are whole days: a move is {@code |days| * 24h}, so a move of 0 days (the same
 * date) is never worth telling, whatever the threshold.
 */
public record DateMove(LocalDate told, LocalDate now) {

    public long days() {
        return ChronoUnit.DAYS.between(told, now);
    }

    public boolean reaches(final Duration threshold) {
        final Duration moved = Duration.ofDays(Math.abs(days()));
        return !moved.isZero() && moved.compareTo(threshold) >= 0;
    }
}
