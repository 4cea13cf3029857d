package io.restock.inventory.orders;

import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.inventory.internal.LineCommand;
import io.restock.inventory.internal.LineCommandKind;
import io.restock.inventory.internal.OrderLineState;
import io.restock.inventory.internal.OrderState;
import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Order-keyed first step: remembers each order's lines in {@code order-book} and turns
 * {@code OrderPlaced} into one ALLOCATE {@link LineCommand} per line and
 * {@code OrderCancellationRequested} (which names only line ids) into one CANCEL command per line,
 * each forwarded keyed by the line's SKU (the topology repartitions them by SKU).
 *
 * <p>Bad input: an order event whose eventId was applied already is dropped (duplicate delivery); a
 * line with a quantity &lt;= 0 is answered {@code LineRejected INVALID_QUANTITY} and a line id the
 * order already has {@code LineRejected DUPLICATE_LINE} (forwarded keyed by orderId; no stock is
 * involved, so they need not go through the SKU); a cancellation of an unknown order or naming a line
 * the order does not have is refused as a whole with {@link InvalidInputException} (dead-lettered).
 */
public final class OrderCommandProcessor extends ContextualProcessor<String, OrderEvent, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandProcessor.class);

    private final String storeName;
    private final int rememberedEvents;
    private KeyValueStore<String, OrderState> orders;

    public OrderCommandProcessor(final String storeName, final int rememberedEvents) {
        this.storeName = storeName;
        this.rememberedEvents = rememberedEvents;
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        this.orders = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, OrderEvent> input) {
        final Record<String, OrderEvent> record = OutputHeaders.cleared(input);
        switch (record.value().getEvent()) {
            case OrderPlaced placed -> place(record, placed);
            case OrderCancellationRequested cancel -> cancel(record, cancel);
            default -> throw new InvalidInputException("UNKNOWN_EVENT", "unknown order event " + record.value());
        }
    }

    private void place(final Record<String, OrderEvent> record, final OrderPlaced placed) {
        final OrderState existing = orders.get(placed.getOrderId());
        if (existing != null && existing.getRecentEventIds().contains(placed.getEventId())) {
            LOG.info("dropping duplicate order event {} of {}", placed.getEventId(), placed.getOrderId());
            return;
        }
        final OrderState state = existing != null ? existing : new OrderState(placed.getOrderId(),
                placed.getShippingPolicy().name(), false, new ArrayList<>(), new ArrayList<>());
        final Set<String> known = new HashSet<>(state.getLines().stream().map(OrderLineState::getLineId).toList());
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        final List<Record<String, SpecificRecord>> out = new ArrayList<>();
        for (final OrderLine line : placed.getLines()) {
            final String commandId = placed.getEventId() + "/" + line.getLineId();
            if (!known.add(line.getLineId())) {
                out.add(record.withKey(placed.getOrderId()).withValue(rejection(commandId, at, placed, line,
                        RejectionReason.DUPLICATE_LINE, "line id " + line.getLineId() + " already on the order")));
            } else if (line.getQuantity() <= 0) {
                out.add(record.withKey(placed.getOrderId()).withValue(rejection(commandId, at, placed, line,
                        RejectionReason.INVALID_QUANTITY, "quantity must be positive, was " + line.getQuantity())));
            } else {
                // The constructor, not the builder: the builder looks up and copies each default per record.
                state.getLines().add(new OrderLineState(line.getLineId(), line.getSku(), line.getQuantity(), 0, 0, 0, 0));
                out.add(record.withKey(line.getSku()).withValue(LineCommand.newBuilder()
                        .setCommandId(commandId)
                        .setOccurredAt(at)
                        .setKind(LineCommandKind.ALLOCATE)
                        .setOrderId(placed.getOrderId())
                        .setLineId(line.getLineId())
                        .setSku(line.getSku())
                        .setQuantity(line.getQuantity())
                        .setUnitPrice(line.getUnitPrice())
                        .setPlacedAt(placed.getPlacedAt())
                        .setTier(placed.getCustomer().getTier().name())
                        .setShippingPolicy(placed.getShippingPolicy().name())
                        .setMaxWaitDays(placed.getMaxWaitDays())
                        .build()));
            }
        }
        remember(state, placed.getEventId());
        orders.put(placed.getOrderId(), state);
        out.forEach(context()::forward);
    }

    private void cancel(final Record<String, OrderEvent> record, final OrderCancellationRequested cancel) {
        final OrderState state = orders.get(cancel.getOrderId());
        if (state == null) {
            throw new InvalidInputException("UNKNOWN_ORDER", "cancellation for unknown order " + cancel.getOrderId());
        }
        if (state.getRecentEventIds().contains(cancel.getEventId())) {
            LOG.info("dropping duplicate order event {} of {}", cancel.getEventId(), cancel.getOrderId());
            return;
        }
        final Map<String, OrderLineState> lines = state.getLines().stream()
                .collect(Collectors.toMap(OrderLineState::getLineId, Function.identity()));
        final List<String> lineIds = cancel.getLineIds().isEmpty()
                ? List.copyOf(lines.keySet()).stream().sorted().toList()
                : cancel.getLineIds();
        for (final String lineId : lineIds) {
            if (!lines.containsKey(lineId)) {
                throw new InvalidInputException("UNKNOWN_LINE",
                        "order " + cancel.getOrderId() + " has no line " + lineId);
            }
        }
        remember(state, cancel.getEventId());
        orders.put(cancel.getOrderId(), state);
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        for (final String lineId : lineIds) {
            final OrderLineState line = lines.get(lineId);
            context().forward(record.withKey(line.getSku()).withValue(LineCommand.newBuilder()
                    .setCommandId(cancel.getEventId() + "/" + lineId)
                    .setOccurredAt(at)
                    .setKind(LineCommandKind.CANCEL)
                    .setOrderId(cancel.getOrderId())
                    .setLineId(lineId)
                    .setSku(line.getSku())
                    .setQuantity(0)
                    .setUnitPrice(BigDecimal.ZERO.setScale(4))
                    .setPlacedAt(at)
                    .setTier("STANDARD")
                    .setShippingPolicy(state.getShippingPolicy())
                    .setMaxWaitDays(null)
                    .build()));
        }
    }

    private void remember(final OrderState state, final String eventId) {
        final List<String> ids = new ArrayList<>(state.getRecentEventIds());
        ids.add(eventId);
        while (ids.size() > rememberedEvents) {
            ids.removeFirst();
        }
        state.setRecentEventIds(ids);
    }

    private static LineEvent rejection(final String eventId, final Instant at, final OrderPlaced placed,
                                       final OrderLine line, final RejectionReason reason, final String detail) {
        return new LineEvent(new LineRejected(eventId, at, placed.getOrderId(), line.getLineId(), line.getSku(),
                line.getQuantity(), reason, detail, List.of()));
    }
}
