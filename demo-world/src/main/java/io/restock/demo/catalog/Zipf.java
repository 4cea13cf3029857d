package io.restock.demo.catalog;

import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few items are bought far more often. */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(final int n, final double s) {
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1 / Math.pow(rank + 1, s);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
    }

    public int next(final Random random) {
        final double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The probability of a rank. */
    public double probability(final int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
