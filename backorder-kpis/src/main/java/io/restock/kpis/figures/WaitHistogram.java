package io.restock.kpis.figures;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Waiting times of filled backorders in milliseconds, as an HdrHistogram (3 significant digits, auto-resizing)
 * kept in a store in HdrHistogram's own compressed encoding. Quantiles come from the histogram; the mean and the
 * maximum are kept exactly beside it ({@link Tally}).
 */
public final class WaitHistogram {

    private static final int SIGNIFICANT_DIGITS = 3;

    private WaitHistogram() {
    }

    public static Histogram empty() {
        final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    /** The histogram an encoding holds; empty for none (zero bytes). */
    public static Histogram decode(final ByteBuffer encoded) {
        if (encoded == null || !encoded.hasRemaining()) {
            return empty();
        }
        try {
            final Histogram decoded = Histogram.decodeFromCompressedByteBuffer(encoded.duplicate(), 0);
            decoded.setAutoResize(true);
            return decoded;
        } catch (final DataFormatException e) {
            throw new IllegalStateException("a stored wait histogram cannot be decoded", e);
        }
    }

    public static ByteBuffer encode(final Histogram histogram) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return ByteBuffer.wrap(buffer.array(), 0, length).slice();
    }
}
