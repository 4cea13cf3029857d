package io.restock.benchmark;

import java.util.Random;

/**
 * The generated data, deterministic for a seed: orders of 1-3 lines (distinct SKUs, uniform over the
 * SKUs, 1-4 units each) until {@code lines} lines, and per SKU the initial stock that covers the first
 * {@code inStockShare} of that SKU's lines in full, so that share of lines is allocated at once and the
 * rest is short (backordered). Kept as arrays: 2 million lines take ~20 MB.
 */
final class Workload {

    final int skus;
    final int lines;
    final int orders;
    /** Line {@code l} of the whole run: its SKU index and quantity. */
    final int[] lineSku;
    final byte[] lineQuantity;
    /** Order {@code o} holds lines {@code orderStart[o] .. orderStart[o + 1] - 1}. */
    final int[] orderStart;
    /** Units received per SKU before the orders. */
    final int[] initialStock;
    /** Lines the initial stock covers in full (allocated at once). */
    final int linesInStock;

    private Workload(final int skus, final int lines, final int orders, final int[] lineSku,
                     final byte[] lineQuantity, final int[] orderStart, final int[] initialStock, final int linesInStock) {
        this.skus = skus;
        this.lines = lines;
        this.orders = orders;
        this.lineSku = lineSku;
        this.lineQuantity = lineQuantity;
        this.orderStart = orderStart;
        this.initialStock = initialStock;
        this.linesInStock = linesInStock;
    }

    static Workload generate(final long seed, final int lines, final int skus, final double inStockShare) {
        final Random random = new Random(seed);
        final int[] lineSku = new int[lines];
        final byte[] quantity = new byte[lines];
        final int[] starts = new int[lines + 1];
        int orders = 0;
        int line = 0;
        while (line < lines) {
            starts[orders++] = line;
            final int size = Math.min(1 + random.nextInt(3), lines - line);
            for (int j = 0; j < size; j++) {
                int sku;
                do {
                    sku = random.nextInt(skus);
                } while (repeats(lineSku, starts[orders - 1], line, sku));
                lineSku[line] = sku;
                quantity[line] = (byte) (1 + random.nextInt(4));
                line++;
            }
        }
        starts[orders] = lines;
        final int[] orderStart = java.util.Arrays.copyOf(starts, orders + 1);

        final int[] linesPerSku = new int[skus];
        for (final int s : lineSku) {
            linesPerSku[s]++;
        }
        final int[] covered = new int[skus];
        for (int s = 0; s < skus; s++) {
            covered[s] = (int) Math.round(linesPerSku[s] * inStockShare);
        }
        final int[] stock = new int[skus];
        final int[] seen = new int[skus];
        int inStock = 0;
        for (int l = 0; l < lines; l++) {
            final int s = lineSku[l];
            if (seen[s]++ < covered[s]) {
                stock[s] += quantity[l];
                inStock++;
            }
        }
        return new Workload(skus, lines, orders, lineSku, quantity, orderStart, stock, inStock);
    }

    private static boolean repeats(final int[] lineSku, final int from, final int to, final int sku) {
        for (int i = from; i < to; i++) {
            if (lineSku[i] == sku) {
                return true;
            }
        }
        return false;
    }

    int linesOf(final int order) {
        return orderStart[order + 1] - orderStart[order];
    }
}
