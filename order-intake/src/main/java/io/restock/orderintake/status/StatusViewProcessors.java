package io.restock.orderintake.status;

import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.orderintake.view.ViewProgress;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.view.OrderView;
import io.restock.orderintake.view.OrderViewProcessor;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import org.apache.kafka.streams.processor.api.Record;

import java.util.function.BiFunction;

/**
 * The processors that fold the three order-keyed topics into the {@code order-views} store. They
 * forward nothing.
 */
public final class StatusViewProcessors {

    private StatusViewProcessors() {
    }

    public static final class OrderEvents extends OrderViewProcessor<String, OrderEvent, Void, Void> {
        private final ViewProgress progress;

        public OrderEvents(final ViewProgress progress) {
            this.progress = progress;
        }

        @Override
        public void process(final Record<String, OrderEvent> record) {
            if (record.key() != null && record.value() != null) {
                final OrderView current = views().get(record.key());
                final OrderView view = current == null ? OrderView.empty(record.key()) : current;
                switch (record.value().getEvent()) {
                    case OrderPlaced placed -> {
                        if (!view.placed()) {
                            final Acceptance acceptance = new Acceptance(placed.getOrderId(), placed.getShopId(),
                                    placed.getEventId(), placed.getOccurredAt().toEpochMilli(),
                                    IntakeHeaders.text(record.headers(), IntakeHeaders.IDEMPOTENCY_KEY),
                                    IntakeHeaders.text(record.headers(), IntakeHeaders.REQUEST_HASH));
                            views().put(record.key(), view.applyPlaced(placed, acceptance));
                        }
                    }
                    case OrderCancellationRequested cancellation ->
                            views().put(record.key(), view.applyCancellation(cancellation));
                    default -> throw new IllegalArgumentException("unknown order event "
                            + record.value().getEvent().getClass().getName());
                }
            }
            context().recordMetadata().ifPresent(m -> progress.applied(m.partition(), m.offset()));
        }
    }

    /**
     * Applies an event about an order's lines ({@code LineEvent}, {@code DeliveryDateChanged}) to the order's view
     * with {@code apply}, starting from an empty view when there is none yet.
     */
    public static final class LineFacts<V> extends OrderViewProcessor<String, V, Void, Void> {
        private final BiFunction<OrderView, V, OrderView> apply;

        public LineFacts(final BiFunction<OrderView, V, OrderView> apply) {
            this.apply = apply;
        }

        /** {@code LineEvent}s from inventory-stream. */
        public static LineFacts<LineEvent> lineEvents() {
            return new LineFacts<>(OrderView::applyLineEvent);
        }

        /** {@code DeliveryDateChanged} from inventory-stream. */
        public static LineFacts<DeliveryDateChanged> deliveryDates() {
            return new LineFacts<>(OrderView::applyDateChange);
        }

        @Override
        public void process(final Record<String, V> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            final OrderView current = views().get(record.key());
            views().put(record.key(), apply.apply(current == null ? OrderView.empty(record.key()) : current,
                    record.value()));
        }
    }
}
