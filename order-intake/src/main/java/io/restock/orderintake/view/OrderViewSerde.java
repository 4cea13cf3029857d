package io.restock.orderintake.view;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of {@link OrderView} in the {@code order-views} store and its changelog
 * ({@code order-intake-order-views-changelog}): written once per order event, so it is hand-written
 * (no reflection, no field names) and about a quarter of the JSON's size.
 *
 * <p>Layout: byte 0 is the writer's format {@value #VERSION}, byte 1 the oldest format a reader must
 * understand to read the record. Then the view's fields in a fixed order; its lines, their substitutes
 * and the acceptance are sections with a 4-byte length. Strings are UTF-8 with a varint length + 1
 * (0 = null), numbers zig-zag varints.
 *
 * <p>Rolling upgrades: a newer format may only <b>append</b> fields, at the end of the view (after the
 * lines) or at the end of a section; a reader reads the fields it knows and skips the rest, as
 * {@code FAIL_ON_UNKNOWN_PROPERTIES=false} did for the earlier JSON form. A change an older reader must
 * not read past raises byte 1: such a record is rejected with a {@link SerializationException} naming
 * both formats. Values that start with {@code '{'} are that earlier JSON form and are still read (a store
 * or changelog written before this serde).
 */
public final class OrderViewSerde implements Serde<OrderView> {

    /** The format this class writes, and the newest it reads in full (2: a line's {@code dropShipped} appended). */
    public static final byte VERSION = 2;
    /** The oldest format that can read what this class writes: format 2 only appended a field. */
    static final byte OLDEST_READER = 1;
    private static final byte JSON_START = '{';

    private final Serde<OrderView> legacyJson = JsonSerde.of(OrderView.class);

    @Override
    public Serializer<OrderView> serializer() {
        return (topic, view) -> view == null ? null : write(view);
    }

    @Override
    public Deserializer<OrderView> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return legacyJson.deserializer().deserialize(topic, bytes);
            }
            return read(bytes);
        };
    }

    /** Encodes a view in format {@value #VERSION}. */
    public static byte[] write(final OrderView view) {
        final Writer out = new Writer(64 + 96 * view.lines().size());
        out.raw(VERSION);
        out.raw(OLDEST_READER);
        out.string(view.orderId());
        out.string(view.shopId());
        out.string(view.customerId());
        out.nullableLong(view.placedAtMillis());
        out.string(view.shippingPolicy());
        out.string(view.currency());
        out.nullableLong(view.maxWaitDays() == null ? null : view.maxWaitDays().longValue());
        out.varlong(view.version());
        out.varlong(view.updatedAtMillis());
        final Acceptance acceptance = view.acceptance();
        if (acceptance == null) {
            out.raw((byte) 0);
        } else {
            out.raw((byte) 1);
            final int section = out.beginSection();
            out.string(acceptance.orderId());
            out.string(acceptance.shopId());
            out.string(acceptance.eventId());
            out.varlong(acceptance.acceptedAtMillis());
            out.string(acceptance.idempotencyKey());
            out.string(acceptance.requestHash());
            out.endSection(section);
        }
        out.varlong(view.lines().size());
        for (final LineView line : view.lines()) {
            final int section = out.beginSection();
            out.string(line.lineId());
            out.string(line.sku());
            out.varlong(line.ordered());
            out.decimal(line.unitPrice());
            out.varlong(line.allocated());
            out.varlong(line.backordered());
            out.varlong(line.rejected());
            out.varlong(line.released());
            out.varlong(line.backorderCancelled());
            out.string(line.promisedDate());
            out.nullableLong(line.queuePosition() == null ? null : line.queuePosition().longValue());
            out.string(line.rejectionReason());
            out.string(line.rejectionDetail());
            out.raw((byte) (line.cancellationRequested() ? 1 : 0));
            out.varlong(line.substitutes().size());
            for (final LineView.SubstituteView substitute : line.substitutes()) {
                final int inner = out.beginSection();
                out.string(substitute.sku());
                out.varlong(substitute.available());
                out.endSection(inner);
            }
            out.varlong(line.dropShipped());
            out.endSection(section);
        }
        return out.bytes();
    }

    /**
     * Decodes a binary view of any format whose byte 1 is at most {@value #VERSION}, ignoring fields
     * appended by newer formats.
     *
     * @throws SerializationException if the record needs a newer reader or is not a whole view
     */
    public static OrderView read(final byte[] bytes) {
        if (bytes.length < 2) {
            throw new SerializationException("order view of " + bytes.length + " bytes: too short to be one");
        }
        final byte written = bytes[0];
        final byte needs = bytes[1];
        if (needs > VERSION || needs < 1 || written < needs) {
            throw new SerializationException("order view in format " + written + " needs a reader of format "
                    + needs + "; this instance reads formats 1 to " + VERSION + " (upgrade it)");
        }
        try {
            final ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
            final String orderId = string(in);
            final String shopId = string(in);
            final String customerId = string(in);
            final Long placedAt = nullableLong(in);
            final String shippingPolicy = string(in);
            final String currency = string(in);
            final Long maxWaitDays = nullableLong(in);
            final long version = varlong(in);
            final long updatedAt = varlong(in);
            Acceptance acceptance = null;
            if (in.get() != 0) {
                final ByteBuffer section = section(in);
                acceptance = new Acceptance(string(section), string(section), string(section), varlong(section),
                        string(section), string(section));
            }
            final int count = count(in);
            final List<LineView> lines = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                lines.add(line(section(in)));
            }
            // Anything after the lines was appended by a newer format: not ours to read.
            return new OrderView(orderId, shopId, customerId, placedAt, shippingPolicy, currency,
                    maxWaitDays == null ? null : Math.toIntExact(maxWaitDays), acceptance, List.copyOf(lines), version,
                    updatedAt);
        } catch (final BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
                       | ArithmeticException e) {
            throw new SerializationException("order view in format " + written + " is cut short or corrupt", e);
        }
    }

    private static LineView line(final ByteBuffer in) {
        final String lineId = string(in);
        final String sku = string(in);
        final int ordered = intValue(in);
        final BigDecimal unitPrice = decimal(in);
        final int allocated = intValue(in);
        final int backordered = intValue(in);
        final int rejected = intValue(in);
        final int released = intValue(in);
        final int backorderCancelled = intValue(in);
        final String promisedDate = string(in);
        final Long queuePosition = nullableLong(in);
        final String rejectionReason = string(in);
        final String rejectionDetail = string(in);
        final boolean cancellationRequested = in.get() != 0;
        final int count = count(in);
        final List<LineView.SubstituteView> substitutes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final ByteBuffer section = section(in);
            substitutes.add(new LineView.SubstituteView(string(section), intValue(section)));
        }
        final int dropShipped = in.hasRemaining() ? intValue(in) : 0;
        return new LineView(lineId, sku, ordered, unitPrice, allocated, backordered, rejected, released,
                backorderCancelled, promisedDate, queuePosition == null ? null : Math.toIntExact(queuePosition),
                rejectionReason, rejectionDetail, List.copyOf(substitutes), cancellationRequested, dropShipped);
    }

    /** The next length-prefixed section as its own buffer; {@code in} moves past all of it. */
    private static ByteBuffer section(final ByteBuffer in) {
        final int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("section of " + length + " bytes, " + in.remaining() + " left");
        }
        final ByteBuffer section = in.slice(in.position(), length);
        in.position(in.position() + length);
        return section;
    }

    private static int count(final ByteBuffer in) {
        final long count = varlong(in);
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("count " + count + " with " + in.remaining() + " bytes left");
        }
        return (int) count;
    }

    private static int intValue(final ByteBuffer in) {
        return Math.toIntExact(varlong(in));
    }

    private static long varlong(final ByteBuffer in) {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.get();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private static Long nullableLong(final ByteBuffer in) {
        return in.get() == 0 ? null : varlong(in);
    }

    private static String string(final ByteBuffer in) {
        final long lengthPlusOne = varlong(in);
        if (lengthPlusOne == 0) {
            return null;
        }
        final int length = Math.toIntExact(lengthPlusOne - 1);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes, " + in.remaining() + " left");
        }
        final String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static BigDecimal decimal(final ByteBuffer in) {
        final long lengthPlusOne = varlong(in);
        if (lengthPlusOne == 0) {
            return null;
        }
        final int scale = intValue(in);
        final int length = Math.toIntExact(lengthPlusOne - 1);
        if (length < 1 || length > in.remaining()) {
            throw new IllegalArgumentException("decimal of " + length + " bytes, " + in.remaining() + " left");
        }
        final BigInteger unscaled = new BigInteger(in.array(), in.arrayOffset() + in.position(), length);
        in.position(in.position() + length);
        return new BigDecimal(unscaled, scale);
    }

    /** A growing byte array: no streams, no per-field objects. */
    private static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(final int capacity) {
            buffer = new byte[capacity];
        }

        void raw(final byte b) {
            ensure(1);
            buffer[size++] = b;
        }

        void varlong(final long value) {
            ensure(10);
            long zigzag = (value << 1) ^ (value >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((zigzag & 0x7f) | 0x80);
                zigzag >>>= 7;
            }
            buffer[size++] = (byte) zigzag;
        }

        void nullableLong(final Long value) {
            if (value == null) {
                raw((byte) 0);
            } else {
                raw((byte) 1);
                varlong(value);
            }
        }

        void string(final String text) {
            if (text == null) {
                varlong(0);
                return;
            }
            final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length + 1L);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        }

        void decimal(final BigDecimal value) {
            if (value == null) {
                varlong(0);
                return;
            }
            final byte[] unscaled = value.unscaledValue().toByteArray();
            varlong(unscaled.length + 1L);
            varlong(value.scale());
            ensure(unscaled.length);
            System.arraycopy(unscaled, 0, buffer, size, unscaled.length);
            size += unscaled.length;
        }

        /** Reserves a section's 4-byte length; returns where it is, for {@link #endSection}. */
        int beginSection() {
            ensure(4);
            final int at = size;
            size += 4;
            return at;
        }

        void endSection(final int at) {
            final int length = size - at - 4;
            buffer[at] = (byte) (length >>> 24);
            buffer[at + 1] = (byte) (length >>> 16);
            buffer[at + 2] = (byte) (length >>> 8);
            buffer[at + 3] = (byte) length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(final int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }
}
