package io.restock.benchmark;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples (milliseconds). */
final class Percentiles {

    private final long[] sorted;

    Percentiles(final long[] samples, final int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest sample at or above {@code p} percent of all samples; -1 if none. */
    long at(final double p) {
        if (sorted.length == 0) {
            return -1;
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
