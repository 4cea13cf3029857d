package io.restock.backorder.topology;

import io.restock.backorder.internal.ParkedHeader;
import io.restock.backorder.internal.ParkedSupplierAnswer;
import io.restock.backorder.internal.ParkedSupplierAnswers;
import io.restock.backorder.internal.PurchaseOrderLineState;
import io.restock.backorder.internal.PurchaseOrderState;
import io.restock.backorder.internal.SupplyUpdate;
import io.restock.backorder.internal.SupplyUpdateKind;
import io.restock.events.AcknowledgedLine;
import io.restock.events.LinePromise;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShippedLine;
import io.restock.events.SupplierEvent;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.topics.Topics;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purchase-order step (key purchaseOrderId, store {@code purchase-orders}): remembers which SKU
 * each line of our purchase orders is for, and turns our own amendments and cancellations and every
 * supplier answer into per-line {@code SupplyUpdate}s keyed by SKU.
 *
 * <p>A supplier answer can overtake its own purchase order: the supplier may answer before this step
 * has read the order back from {@code procurement.purchase-orders} (the two topics are consumed side
 * by side, and a fast supplier, or a lagging partition, wins the race). Such an answer is parked in
 * store {@value BackorderTopology#PARKED_SUPPLIER_ANSWERS} and applied, in arrival order, the moment
 * its order arrives. An answer whose order does not arrive within {@code answerWait} (wall clock) is
 * dead-lettered as {@code UNKNOWN_PURCHASE_ORDER}.
 *
 * <p>Other supplier input it cannot apply is dead-lettered: a message from a supplier other than the
 * order's ({@code UNKNOWN_SUPPLIER}). A message whose {@code supplierMessageId} was applied already is
 * dropped (the same acknowledgement twice changes nothing). Lines a message names that the order
 * does not have are skipped.
 *
 * <p>Output: {@link SupplyUpdate}s keyed by SKU, and dead letters of parked answers as the original
 * {@link SupplierEvent} keyed by purchaseOrderId, with the dead-letter headers.
 */
final class PurchaseOrderLinesProcessor extends ContextualProcessor<String, PurchaseOrderInput, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseOrderLinesProcessor.class);
    /** More answers than this for one unknown purchase order are not parked but dead-lettered at once. */
    static final int MAX_PARKED_PER_ORDER = 100;
    private static final PrivateAvroSerde<SupplierEvent> EVENTS = new PrivateAvroSerde<>(SupplierEvent.class);

    private final int rememberedIds;
    private final Duration answerWait;
    private KeyValueStore<String, PurchaseOrderState> orders;
    private KeyValueStore<String, ParkedSupplierAnswers> parked;

    PurchaseOrderLinesProcessor(final int rememberedIds, final Duration answerWait) {
        this.rememberedIds = rememberedIds;
        this.answerWait = answerWait;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        super.init(context);
        this.orders = context.getStateStore(BackorderTopology.PURCHASE_ORDERS);
        this.parked = context.getStateStore(BackorderTopology.PARKED_SUPPLIER_ANSWERS);
        final Duration every = answerWait.compareTo(Duration.ofMinutes(1)) < 0 ? answerWait : Duration.ofMinutes(1);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expireParked);
    }

    @Override
    public void process(final Record<String, PurchaseOrderInput> record) {
        final String poId = record.key();
        if (poId == null || record.value() == null) {
            throw new InvalidInputException("MISSING_KEY", "purchase-order record without key or value");
        }
        switch (record.value()) {
            case PurchaseOrderInput.Ours(final var ours) -> {
                final boolean known = orders.get(poId) != null;
                forwardUpdates(record, ours(poId, ours.getEvent()));
                if (!known && orders.get(poId) != null) {
                    applyParked(record, poId);
                }
            }
            case PurchaseOrderInput.Supplier(final SupplierEvent answer) -> {
                if (orders.get(poId) == null) {
                    park(record, poId, answer);
                } else {
                    forwardUpdates(record, supplier(poId, answer.getEvent()));
                }
            }
        }
    }

    private void forwardUpdates(final Record<String, ?> record, final List<SupplyUpdate> updates) {
        for (final SupplyUpdate update : updates) {
            context().forward(OutputHeaders.cleared(record).withKey(update.getSku()).withValue((Object) update));
        }
    }

    private void park(final Record<String, PurchaseOrderInput> record, final String poId, final SupplierEvent answer) {
        Header.of(answer.getEvent()); // an unknown kind of answer is dead-lettered now, not parked
        final ParkedSupplierAnswers stored = parked.get(poId);
        final List<ParkedSupplierAnswer> answers = stored == null ? new ArrayList<>() : new ArrayList<>(stored.getAnswers());
        if (answers.size() >= MAX_PARKED_PER_ORDER) {
            throw new InvalidInputException("UNKNOWN_PURCHASE_ORDER", "no purchase order " + poId + " and already "
                    + answers.size() + " answers waiting for it");
        }
        final Optional<RecordMetadata> source = context().recordMetadata();
        final List<ParkedHeader> headers = new ArrayList<>();
        for (final org.apache.kafka.common.header.Header h : record.headers()) {
            headers.add(new ParkedHeader(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
        }
        answers.add(new ParkedSupplierAnswer(context().currentSystemTimeMs(),
                source.map(RecordMetadata::partition).orElse(-1), source.map(RecordMetadata::offset).orElse(-1L),
                ByteBuffer.wrap(EVENTS.serialize(null, answer)), headers));
        parked.put(poId, new ParkedSupplierAnswers(poId, answers));
        LOG.info("supplier answer for {} arrived before the purchase order; waiting up to {} for it", poId, answerWait);
    }

    /** The purchase order has just arrived: apply what its supplier said before, in arrival order. */
    private void applyParked(final Record<String, ?> record, final String poId) {
        final ParkedSupplierAnswers waiting = parked.get(poId);
        if (waiting == null) {
            return;
        }
        parked.delete(poId);
        for (final ParkedSupplierAnswer answer : waiting.getAnswers()) {
            final SupplierEvent event = EVENTS.deserialize(null, bytes(answer.getEvent()));
            try {
                forwardUpdates(record, supplier(poId, event.getEvent()));
            } catch (final InvalidInputException invalid) {
                deadLetter(poId, answer, event, invalid);
            }
        }
    }

    private void expireParked(final long now) {
        final List<KeyValue<String, ParkedSupplierAnswers>> all = new ArrayList<>();
        try (KeyValueIterator<String, ParkedSupplierAnswers> it = parked.all()) {
            it.forEachRemaining(all::add);
        }
        for (final KeyValue<String, ParkedSupplierAnswers> entry : all) {
            final List<ParkedSupplierAnswer> keep = new ArrayList<>();
            for (final ParkedSupplierAnswer answer : entry.value.getAnswers()) {
                if (now - answer.getParkedAtMillis() >= answerWait.toMillis()) {
                    deadLetter(entry.key, answer, EVENTS.deserialize(null, bytes(answer.getEvent())),
                            new InvalidInputException("UNKNOWN_PURCHASE_ORDER", "no purchase order " + entry.key
                                    + " arrived within " + answerWait + " of this answer"));
                } else {
                    keep.add(answer);
                }
            }
            if (keep.isEmpty()) {
                parked.delete(entry.key);
            } else if (keep.size() < entry.value.getAnswers().size()) {
                parked.put(entry.key, new ParkedSupplierAnswers(entry.key, keep));
            }
        }
    }

    private void deadLetter(final String poId, final ParkedSupplierAnswer answer, final SupplierEvent event,
                            final InvalidInputException error) {
        final Headers original = new RecordHeaders();
        answer.getHeaders().forEach(h -> original.add(h.getKey(), h.getValue() == null ? null : bytes(h.getValue())));
        final Headers headers = DeadLetters.headers(context().applicationId(), DeadLetters.Stage.VALIDATION,
                Topics.SUPPLIER_EVENTS.name(), answer.getSourcePartition(), answer.getSourceOffset(), original, error,
                error.reason());
        LOG.warn("dead-lettering supplier answer for {}: {}", poId, error.getMessage());
        context().forward(new Record<>(poId, (Object) event, context().currentSystemTimeMs(), headers));
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer copy = buffer.duplicate();
        final byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private List<SupplyUpdate> ours(final String poId, final Object event) {
        final List<SupplyUpdate> out = new ArrayList<>();
        final PurchaseOrderState state = orders.get(poId);
        switch (event) {
            case PurchaseOrderIssued issued -> {
                if (state != null) {
                    return out;
                }
                final List<PurchaseOrderLineState> lines = new ArrayList<>();
                issued.getLines().forEach(l -> {
                    lines.add(new PurchaseOrderLineState(l.getLineId(), l.getSku(), l.getQuantity(), false));
                    out.add(update(SupplyUpdateKind.ISSUED, poId, l.getLineId(), issued.getSupplierId(), l.getSku(),
                            l.getQuantity(), SkuPlanCodec.day(l.getRequestedDate()), null));
                });
                orders.put(poId, new PurchaseOrderState(poId, issued.getSupplierId(), lines, List.of()));
            }
            case PurchaseOrderAmended amended -> {
                if (state == null) {
                    return out;
                }
                amended.getLines().forEach(q -> line(state, q.getLineId()).ifPresent(l -> {
                    l.setQuantity(q.getQuantity());
                    out.add(update(SupplyUpdateKind.AMENDED, poId, l.getLineId(), state.getSupplierId(), l.getSku(),
                            q.getQuantity(), null, null));
                }));
                orders.put(poId, state);
            }
            case PurchaseOrderCancelled cancelled -> {
                if (state == null) {
                    return out;
                }
                for (final PurchaseOrderLineState l : named(state, cancelled.getLineIds())) {
                    l.setCancelled(true);
                    out.add(update(SupplyUpdateKind.CANCELLED, poId, l.getLineId(), state.getSupplierId(), l.getSku(),
                            0, null, null));
                }
                orders.put(poId, state);
            }
            default -> LOG.warn("ignoring unknown purchase-order event {}", event);
        }
        return out;
    }

    private List<SupplyUpdate> supplier(final String poId, final Object event) {
        final PurchaseOrderState state = orders.get(poId);
        final Header header = Header.of(event);
        if (!state.getSupplierId().equals(header.supplierId())) {
            throw new InvalidInputException("UNKNOWN_SUPPLIER", "purchase order " + poId + " is for supplier "
                    + state.getSupplierId() + ", not " + header.supplierId());
        }
        final List<SupplyUpdate> out = new ArrayList<>();
        if (state.getMessageIds().contains(header.messageId())) {
            LOG.info("dropping duplicate supplier message {} for {}", header.messageId(), poId);
            return out;
        }
        final String supplierId = state.getSupplierId();
        switch (event) {
            case PurchaseOrderAcknowledged ack -> {
                for (final AcknowledgedLine a : ack.getLines()) {
                    line(state, a.getLineId()).ifPresent(l -> out.add(update(SupplyUpdateKind.ACKNOWLEDGED, poId,
                            l.getLineId(), supplierId, l.getSku(), a.getAcceptedQuantity(),
                            SkuPlanCodec.day(a.getPromisedDate()), null)));
                }
            }
            case PurchaseOrderRejected rejected -> {
                for (final PurchaseOrderLineState l : named(state, rejected.getLineIds())) {
                    out.add(update(SupplyUpdateKind.REJECTED, poId, l.getLineId(), supplierId, l.getSku(), 0, null,
                            null));
                }
            }
            case PromisedDateChanged changed -> {
                for (final LinePromise p : changed.getLines()) {
                    line(state, p.getLineId()).ifPresent(l -> out.add(update(SupplyUpdateKind.DATE_CHANGED, poId,
                            l.getLineId(), supplierId, l.getSku(), 0, SkuPlanCodec.day(p.getPromisedDate()), null)));
                }
            }
            case ShipmentDispatched shipped -> {
                for (final ShippedLine s : shipped.getLines()) {
                    line(state, s.getLineId()).ifPresent(l -> out.add(update(SupplyUpdateKind.SHIPPED, poId,
                            l.getLineId(), supplierId, l.getSku(), s.getQuantity(),
                            SkuPlanCodec.day(shipped.getExpectedArrival()), shipped.getShipmentId())));
                }
            }
            default -> throw new InvalidInputException("UNKNOWN_EVENT", "unknown supplier event " + event);
        }
        final List<String> ids = new ArrayList<>(state.getMessageIds());
        ids.add(header.messageId());
        while (ids.size() > rememberedIds) {
            ids.removeFirst();
        }
        state.setMessageIds(ids);
        orders.put(poId, state);
        return out;
    }

    private static Optional<PurchaseOrderLineState> line(final PurchaseOrderState state, final String lineId) {
        return state.getLines().stream().filter(l -> l.getLineId().equals(lineId)).findFirst();
    }

    /** The lines named, or every line when none is named. */
    private static List<PurchaseOrderLineState> named(final PurchaseOrderState state, final List<String> lineIds) {
        return state.getLines().stream().filter(l -> lineIds.isEmpty() || lineIds.contains(l.getLineId())).toList();
    }

    private static SupplyUpdate update(final SupplyUpdateKind kind, final String poId, final String lineId,
                                       final String supplierId, final String sku, final int quantity,
                                       final Integer epochDay, final String shipmentId) {
        return new SupplyUpdate(kind, poId, lineId, supplierId, sku, quantity, epochDay, shipmentId);
    }

    /** The fields every supplier event has. */
    private record Header(String supplierId, String messageId) {
        static Header of(final Object event) {
            return switch (event) {
                case PurchaseOrderAcknowledged a -> new Header(a.getSupplierId(), a.getSupplierMessageId());
                case PurchaseOrderRejected r -> new Header(r.getSupplierId(), r.getSupplierMessageId());
                case PromisedDateChanged c -> new Header(c.getSupplierId(), c.getSupplierMessageId());
                case ShipmentDispatched s -> new Header(s.getSupplierId(), s.getSupplierMessageId());
                default -> throw new InvalidInputException("UNKNOWN_EVENT", "unknown supplier event " + event);
            };
        }
    }
}
