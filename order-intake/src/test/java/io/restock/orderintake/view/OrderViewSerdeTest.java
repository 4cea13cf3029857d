package io.restock.orderintake.view;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.Substitute;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.restock.orderintake.view.OrderViewTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderViewSerdeTest {

    private final OrderViewSerde serde = new OrderViewSerde();

    /** Every field set, with nulls, a rejected line with substitutes, non-ASCII text and odd decimals. */
    static OrderView everything() {
        return OrderViewTest.order(ShippingPolicy.COMPLETE)
                .applyLineEvent(OrderViewTest.allocated("1", 10))
                .applyLineEvent(OrderViewTest.backordered("1", 5, LocalDate.parse("2026-12-24")))
                .applyLineEvent(new LineEvent(new LineRejected("e", T.plusSeconds(2), "o-1", "2", "SKU-2", 1,
                        RejectionReason.WAIT_TOO_LONG, "wait 40 days > 30 — größer",
                        List.of(new Substitute("SKU-9", 7), new Substitute("SKU-8", 0)))))
                .applyLineEvent(OrderViewTest.allocated("3", 2))
                .applyCancellation(new OrderCancellationRequested("e", T.plusSeconds(3), "o-1", "shop-a",
                        List.of("3"), "too slow"));
    }

    private OrderView roundTrip(final OrderView view) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", view));
    }

    @Test
    void roundTripsEveryField() {
        final OrderView view = everything();
        assertThat(view.lines()).hasSize(3);
        assertThat(view.lines().get(1).substitutes()).hasSize(2);
        assertThat(view.acceptance()).isNotNull();

        assertThat(roundTrip(view)).isEqualTo(view);
    }

    @Test
    void roundTripsAnEmptyViewWithNullsAndExtremeNumbers() {
        assertThat(roundTrip(OrderView.empty("o-ü"))).isEqualTo(OrderView.empty("o-ü"));
        final LineView line = new LineView("l", null, Integer.MAX_VALUE, new BigDecimal("-123456789012345.6789"),
                0, Integer.MIN_VALUE, 1, 2, 3, null, Integer.MIN_VALUE, null, "", List.of(), true);
        final OrderView odd = new OrderView("o", "s", null, Long.MIN_VALUE, null, "EUR", 365,
                new Acceptance("o", "s", "e", Long.MAX_VALUE, null, null), List.of(line), Long.MAX_VALUE, -1);

        assertThat(roundTrip(odd)).isEqualTo(odd);
        assertThat(roundTrip(odd).lines().get(0).unitPrice().scale()).isEqualTo(4);
    }

    @Test
    void keepsTheDecimalScale() {
        final LineView line = new LineView("l", "S", 1, new BigDecimal("5.00"), 0, 0, 0, 0, 0, null, null, null, null,
                List.of(), false);
        final OrderView view = new OrderView("o", null, null, null, null, null, null, null, List.of(line), 1, 1);

        assertThat(roundTrip(view).lines().get(0).unitPrice()).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void isMuchSmallerThanTheJsonItReplaces() throws Exception {
        final OrderView view = everything();
        final int json = JsonMapper.builder().build().writeValueAsBytes(view).length;
        final int binary = serde.serializer().serialize("t", view).length;

        assertThat(binary).isLessThan(json / 2);
    }

    @Test
    void writesItsFormatAndTheOldestReaderFirst() {
        final byte[] bytes = serde.serializer().serialize("t", everything());

        assertThat(bytes[0]).isEqualTo(OrderViewSerde.VERSION);
        assertThat(bytes[1]).isEqualTo((byte) 1);
    }

    @Test
    void readsTheJsonWrittenBeforeTheBinaryFormat() throws Exception {
        final OrderView view = everything();
        final byte[] json = JsonMapper.builder().build().writeValueAsBytes(view);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(view);
    }

    @Test
    void readsANewerFormatThatAppendedFieldsAndSkipsThem() {
        final byte[] newer = new FutureFormat((byte) 3, (byte) 1).view();

        final OrderView read = serde.deserializer().deserialize("t", newer);

        assertThat(read).isEqualTo(new OrderView("o-1", "shop-a", "c-1", 1000L, "PARTIAL", "EUR", null,
                new Acceptance("o-1", "shop-a", "e-1", 1000L, "k-1", "abc"),
                List.of(new LineView("1", "SKU-1", 3, new BigDecimal("19.99"), 1, 2, 0, 0, 0, "2026-12-24", 4, null,
                        null, List.of(new LineView.SubstituteView("SKU-9", 7)), false)), 5, 2000));
    }

    @Test
    void rejectsARecordThatNeedsANewerReaderNamingBothFormats() {
        final byte[] incompatible = new FutureFormat((byte) 4, (byte) 4).view();

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", incompatible))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 4 needs a reader of format 4")
                .hasMessageContaining("reads formats 1 to 2");
    }

    @Test
    void rejectsATruncatedRecordAsCorrupt() {
        final byte[] bytes = serde.serializer().serialize("t", everything());

        for (final int length : new int[]{0, 1, 5, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, length)))
                    .as("cut to %d bytes", length)
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void nullIsNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    /**
     * A writer of a later format, spelled out byte by byte from the documented layout, that appends a
     * field at the end of the view, of the acceptance, of a line (after format 2's {@code dropShipped}) and of a
     * substitute.
     */
    private record FutureFormat(byte version, byte oldestReader) {

        byte[] view() {
            final Out out = new Out();
            out.raw(version).raw(oldestReader);
            out.string("o-1").string("shop-a").string("c-1").nullableLong(1000L).string("PARTIAL").string("EUR")
                    .nullableLong(null).varlong(5).varlong(2000);
            out.raw((byte) 1).section(new Out().string("o-1").string("shop-a").string("e-1").varlong(1000)
                    .string("k-1").string("abc").string("a new acceptance field"));
            out.varlong(1);
            final Out substitute = new Out().string("SKU-9").varlong(7).varlong(42);
            out.section(new Out().string("1").string("SKU-1").varlong(3).decimal(new BigDecimal("19.99")).varlong(1)
                    .varlong(2).varlong(0).varlong(0).varlong(0).string("2026-12-24").nullableLong(4L).string(null)
                    .string(null).raw((byte) 0).varlong(1).section(substitute).varlong(0).string("a new line field").varlong(-9));
            out.string("a new view field").varlong(123_456_789);
            return out.bytes.toByteArray();
        }
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out raw(final byte b) {
            bytes.write(b);
            return this;
        }

        Out varlong(final long value) {
            long zigzag = (value << 1) ^ (value >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                bytes.write((int) ((zigzag & 0x7f) | 0x80));
                zigzag >>>= 7;
            }
            bytes.write((int) zigzag);
            return this;
        }

        Out nullableLong(final Long value) {
            return value == null ? raw((byte) 0) : raw((byte) 1).varlong(value);
        }

        Out string(final String text) {
            if (text == null) {
                return varlong(0);
            }
            final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length + 1L);
            bytes.writeBytes(utf8);
            return this;
        }

        Out decimal(final BigDecimal value) {
            final byte[] unscaled = value.unscaledValue().toByteArray();
            varlong(unscaled.length + 1L).varlong(value.scale());
            bytes.writeBytes(unscaled);
            return this;
        }

        Out section(final Out inner) {
            bytes.writeBytes(ByteBuffer.allocate(4).putInt(inner.bytes.size()).array());
            bytes.writeBytes(inner.bytes.toByteArray());
            return this;
        }
    }
}
