package io.restock.localkafka.measure;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples (milliseconds), as Restock's benchmarks report latencies. */
public final class Percentiles {

    private final long[] sorted;

    /** The first {@code count} of {@code samples}. */
    public Percentiles(final long[] samples, final int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest sample at or above {@code p} percent of all samples; -1 if none. */
    public long at(final double p) {
        if (sorted.length == 0) {
            return -1;
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
