package io.restock.orderintake.submission;

import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderEventMapperTest {

    @Test
    void mapsEveryFieldOfAnOrderToOrderPlacedAndSurvivesTheWireFormat() {
        final OrderSubmission order = new OrderSubmission("o-1",
                new OrderSubmission.Customer("c-1", "ann@example.com", CustomerTier.GOLD, "de-DE"), "EUR",
                List.of(new OrderSubmission.Line("1", "SKU-1", 2, new BigDecimal("19.9900"))),
                Instant.parse("2026-11-22T09:00:00.123456Z"), ShippingPolicy.COMPLETE, 14);

        final OrderEvent event = OrderEventMapper.placed(order, "shop-a", "e-1",
                Instant.parse("2026-11-22T12:00:00.987654Z"));

        final OrderPlaced expected = new OrderPlaced("e-1", Instant.parse("2026-11-22T12:00:00.987Z"), "o-1", "shop-a",
                new Customer("c-1", "ann@example.com", CustomerTier.GOLD, "de-DE"),
                Instant.parse("2026-11-22T09:00:00.123Z"), ShippingPolicy.COMPLETE, 14, "EUR",
                List.of(new OrderLine("1", "SKU-1", 2, new BigDecimal("19.9900"))));
        assertThat(event.getEvent()).usingRecursiveComparison().isEqualTo(expected);

        final var serde = Topics.ORDER_EVENTS.valueSerde(EventSerdes.inMemoryRegistry());
        final OrderEvent back = serde.deserializer().deserialize(Topics.ORDER_EVENTS.name(),
                serde.serializer().serialize(Topics.ORDER_EVENTS.name(), event));
        assertThat(back).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void mapsACancellationOfSomeLines() {
        final OrderEvent event = OrderEventMapper.cancellationRequested(
                new CancellationSubmission("o-1", List.of("2"), "too slow"), "shop-a", "e-2",
                Instant.parse("2026-11-22T12:00:00Z"));

        assertThat(event.getEvent()).usingRecursiveComparison().isEqualTo(new OrderCancellationRequested("e-2",
                Instant.parse("2026-11-22T12:00:00Z"), "o-1", "shop-a", List.of("2"), "too slow"));
    }
}
