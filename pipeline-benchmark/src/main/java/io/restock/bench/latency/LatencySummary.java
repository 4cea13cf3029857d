package io.restock.bench.latency;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency, in milliseconds.
 *
 * @param count how many values were recorded
 */
public record LatencySummary(long count, double p50, double p99, double p999, double max) {

    /** The largest latency a histogram tracks: one hour, in milliseconds (larger values are clamped to it). */
    public static final long HIGHEST_MILLIS = 3_600_000L;

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** A histogram of milliseconds with three significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MILLIS, 3);
    }

    /** Records {@code millis} clamped to [0, {@link #HIGHEST_MILLIS}] (two processes' clocks may differ a tick). */
    public static void record(final Histogram histogram, final long millis) {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_MILLIS, millis)));
    }

    public static LatencySummary of(final Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
