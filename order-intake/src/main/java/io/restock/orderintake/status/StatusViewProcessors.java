package io.restock.orderintake.status;

import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.orderintake.view.ViewProgress;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.view.OrderView;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processors that fold the three order-keyed topics into the {@code order-views} store. They
 * forward nothing.
 */
public final class StatusViewProcessors {

    private StatusViewProcessors() {
    }

    public static final class OrderEvents implements Processor<String, OrderEvent, Void, Void> {
        private final ViewProgress progress;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, OrderView> views;

        public OrderEvents(final ViewProgress progress) {
            this.progress = progress;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            this.views = context.getStateStore(OrderIntakeTopology.ORDER_VIEWS);
        }

        @Override
        public void process(final Record<String, OrderEvent> record) {
            if (record.key() != null && record.value() != null) {
                final OrderView current = views.get(record.key());
                final OrderView view = current == null ? OrderView.empty(record.key()) : current;
                switch (record.value().getEvent()) {
                    case OrderPlaced placed -> {
                        if (!view.placed()) {
                            final Acceptance acceptance = new Acceptance(placed.getOrderId(), placed.getShopId(),
                                    placed.getEventId(), placed.getOccurredAt().toEpochMilli(),
                                    IntakeHeaders.text(record.headers(), IntakeHeaders.IDEMPOTENCY_KEY),
                                    IntakeHeaders.text(record.headers(), IntakeHeaders.REQUEST_HASH));
                            views.put(record.key(), view.applyPlaced(placed, acceptance));
                        }
                    }
                    case OrderCancellationRequested cancellation ->
                            views.put(record.key(), view.applyCancellation(cancellation));
                    default -> throw new IllegalArgumentException("unknown order event "
                            + record.value().getEvent().getClass().getName());
                }
            }
            context.recordMetadata().ifPresent(m -> progress.applied(m.partition(), m.offset()));
        }
    }

    public static final class LineEvents implements Processor<String, LineEvent, Void, Void> {
        private KeyValueStore<String, OrderView> views;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.views = context.getStateStore(OrderIntakeTopology.ORDER_VIEWS);
        }

        @Override
        public void process(final Record<String, LineEvent> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            final OrderView current = views.get(record.key());
            views.put(record.key(), (current == null ? OrderView.empty(record.key()) : current)
                    .applyLineEvent(record.value()));
        }
    }

    public static final class DeliveryDates implements Processor<String, DeliveryDateChanged, Void, Void> {
        private KeyValueStore<String, OrderView> views;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.views = context.getStateStore(OrderIntakeTopology.ORDER_VIEWS);
        }

        @Override
        public void process(final Record<String, DeliveryDateChanged> record) {
            if (record.key() == null || record.value() == null) {
                return;
            }
            final OrderView current = views.get(record.key());
            views.put(record.key(), (current == null ? OrderView.empty(record.key()) : current)
                    .applyDateChange(record.value()));
        }
    }
}
