package io.restock.notifier.topology;

import io.restock.events.Customer;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restock.notifier.topology.NotifierDriver.DAY0;
import static io.restock.notifier.topology.NotifierDriver.T0;
import static io.restock.streamstest.EdgeHeaders.internal;
import static io.restock.streamstest.EdgeHeaders.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 14: the notifier's outputs ({@code notifier.outbox}, {@code notifications.customer-notifications})
 * carry none of its inputs' headers (order-intake's idempotency key and request hash on {@code OrderPlaced}).
 */
class OutputHeadersTest {

    @Test
    void outputsCarryNoHeadersOfTheirInputs() {
        try (NotifierDriver d = new NotifierDriver()) {
            final TestOutputTopic<String, NotificationRequested> outbox = d.harness.driver().createOutputTopic(
                    NotifierTopics.OUTBOX, new StringDeserializer(), NotifierTopics.outboxSerde());
            final TestOutputTopic<String, NotificationEvent> audit = d.harness.output(Topics.CUSTOMER_NOTIFICATIONS);
            final var orders = d.harness.input(Topics.ORDER_EVENTS);
            final var lines = d.harness.input(Topics.LINE_EVENTS);
            final OrderPlaced placed = OrderPlaced.newBuilder().setEventId("ev-1").setOccurredAt(T0).setOrderId("o1")
                    .setShopId("shop-1").setCustomer(Customer.newBuilder().setCustomerId("c-1")
                            .setEmail("ann@example.com").setLocale("en").build())
                    .setPlacedAt(T0).setMaxWaitDays(null).setCurrency("EUR")
                    .setLines(List.of(new OrderLine("1", "sku-1", 3, new BigDecimal("9.9900")))).build();

            orders.pipeInput(new TestRecord<>("o1", new OrderEvent(placed), internal(), T0));
            lines.pipeInput(new TestRecord<>("o1", new LineEvent(new LineBackordered("ev-2", T0, "o1", "1", "sku-1", 3, 3,
                    1, DAY0, T0, null, null, null, false)), internal(), T0));
            lines.pipeInput(new TestRecord<>("o1", new LineEvent(new LineRejected("ev-3", T0, "o1", "1", "sku-1", 3,
                    RejectionReason.DUPLICATE_LINE, null, List.of())), internal(), T0));
            d.advance(NotifierSettings.defaults().groupingWindow().plusSeconds(1));

            final List<TestRecord<String, NotificationRequested>> requested = outbox.readRecordsToList();
            final List<TestRecord<String, NotificationEvent>> audited = audit.readRecordsToList();
            assertThat(requested).isNotEmpty();
            assertThat(audited).isNotEmpty();
            assertThat(names(requested)).isEmpty();
            assertThat(names(audited)).isEmpty();
        }
    }
}
