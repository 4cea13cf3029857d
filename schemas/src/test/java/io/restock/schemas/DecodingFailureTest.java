package io.restock.schemas;

import io.restock.events.OrderEvent;
import io.restock.events.StockLevel;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.serde.ConfluentAvroSerde;
import io.restock.schemas.serde.EventDecodingException;
import io.restock.schemas.serde.EventDecodingException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes Restock cannot read raise {@link EventDecodingException} with a reason a dead letter can carry. */
class DecodingFailureTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerde<OrderEvent> orders = new ConfluentAvroSerde<>(OrderEvent.class, registry, false, true);
    private final byte[] good = orders.serialize("orders.order-events", new OrderEvent(SampleEvents.orderPlaced()));

    private static org.assertj.core.api.AbstractThrowableAssert<?, ?> failsWith(final Runnable read, final Reason reason) {
        return assertThatThrownBy(read::run).isInstanceOf(EventDecodingException.class)
                .satisfies(e -> assertThat(((EventDecodingException) e).reason()).isEqualTo(reason));
    }

    @Test
    void plainJsonIsNotFramed() {
        failsWith(() -> orders.deserialize("t", "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8)), Reason.NOT_FRAMED)
                .hasMessageContaining("magic byte 0");
    }

    @Test
    void tooFewBytesAreNotFramed() {
        failsWith(() -> orders.deserialize("t", new byte[] {0, 0, 0}), Reason.NOT_FRAMED);
        failsWith(() -> orders.deserialize("t", new byte[0]), Reason.NOT_FRAMED);
    }

    @Test
    void anIdTheRegistryDoesNotKnowIsReported() {
        final byte[] bytes = good.clone();
        ByteBuffer.wrap(bytes, 1, 4).putInt(4242);
        failsWith(() -> orders.deserialize("t", bytes), Reason.UNKNOWN_SCHEMA_ID).hasMessageContaining("4242");
    }

    @Test
    void aTruncatedPayloadIsCorrupt() {
        failsWith(() -> orders.deserialize("t", Arrays.copyOf(good, good.length - 7)), Reason.CORRUPT_PAYLOAD);
    }

    @Test
    void trailingBytesAreCorrupt() {
        failsWith(() -> orders.deserialize("t", Arrays.copyOf(good, good.length + 3)), Reason.CORRUPT_PAYLOAD)
                .hasMessageContaining("left over");
    }

    @Test
    void aRecordOfAnotherTypeIsIncompatible() {
        final var levels = new ConfluentAvroSerde<>(StockLevel.class, registry, false, true);
        final byte[] level = levels.serialize("inventory.stock-levels",
                (StockLevel) SampleEvents.byTopic().get(io.restock.schemas.topics.Topics.STOCK_LEVELS).getFirst());
        failsWith(() -> orders.deserialize("orders.order-events", level), Reason.INCOMPATIBLE_SCHEMA)
                .hasMessageContaining("io.restock.events.OrderEvent");
    }

    @Test
    void nullIsATombstoneNotAnError() {
        assertThat(orders.deserialize("t", null)).isNull();
        assertThat(orders.serialize("t", null)).isNull();
    }
}
