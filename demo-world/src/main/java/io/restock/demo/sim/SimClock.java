package io.restock.demo.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The demo's simulated calendar. The services date everything by real record time, so the world cannot
 * speed them up; it compresses only WHEN it acts: one simulated day lasts {@code secondsPerDay} wall-clock
 * seconds from the start, and the dates it sends (promised dates, expected arrivals) are start date plus
 * simulated days, which are never before the real today.
 */
public final class SimClock {

    private final Instant start;
    private final LocalDate startDate;
    private final double secondsPerDay;

    public SimClock(final Instant start, final double secondsPerDay) {
        if (secondsPerDay <= 0) {
            throw new IllegalArgumentException("seconds per simulated day must be positive: " + secondsPerDay);
        }
        this.start = start;
        this.startDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        this.secondsPerDay = secondsPerDay;
    }

    public double secondsPerDay() {
        return secondsPerDay;
    }

    /** Simulated days elapsed at this wall-clock instant. */
    public double dayAt(final Instant wall) {
        return Duration.between(start, wall).toMillis() / 1000.0 / secondsPerDay;
    }

    public double today() {
        return dayAt(Instant.now());
    }

    /** The calendar date of a simulated day (its whole part). */
    public LocalDate dateOf(final double simDay) {
        return startDate.plusDays((long) Math.floor(simDay));
    }

    /** The calendar date the world is in at this wall-clock instant. */
    public LocalDate dateAt(final Instant wall) {
        return dateOf(dayAt(wall));
    }

    /** The simulated day a calendar date starts. */
    public double dayOf(final LocalDate date) {
        return date.toEpochDay() - startDate.toEpochDay();
    }

    /**
     * The date to tell a service for something due on simulated day {@code simDay}. The services' "today" is the
     * real date, so a date is today's real date plus the simulated calendar days until then (never before today).
     */
    public LocalDate serviceDate(final double simDay) {
        final long ahead = (long) Math.floor(simDay) - (long) Math.floor(today());
        return LocalDate.now(ZoneOffset.UTC).plusDays(Math.max(0, ahead));
    }

    /**
     * The simulated day a date a service said at {@code toldAt} stands for: the simulated day it was said, plus the
     * days from that real date to the date said (the inverse of {@link #serviceDate}).
     */
    public double dueDay(final LocalDate date, final Instant toldAt) {
        return Math.floor(dayAt(toldAt)) + (date.toEpochDay() - LocalDate.ofInstant(toldAt, ZoneOffset.UTC).toEpochDay());
    }

    /** Days from the real date at {@code toldAt} to {@code date}: how far ahead a service meant a date. */
    public static long daysAhead(final LocalDate date, final Instant toldAt) {
        return date.toEpochDay() - LocalDate.ofInstant(toldAt, ZoneOffset.UTC).toEpochDay();
    }

    /** How long, on the wall clock, this many simulated days last. */
    public Duration wallDuration(final double simDays) {
        return Duration.ofMillis(Math.max(0, Math.round(simDays * secondsPerDay * 1000)));
    }

    /** Wall-clock time until a simulated day begins (zero if it has). */
    public Duration until(final double simDay) {
        return wallDuration(simDay - today());
    }
}
