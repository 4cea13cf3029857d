package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.internal.DeliveryRecord;
import io.restock.backorder.internal.ReliabilityState;
import io.restock.backorder.internal.RequirementRecord;
import io.restock.backorder.internal.SupplierBatchState;
import io.restock.backorder.internal.SupplierInput;
import io.restock.backorder.procurement.PurchaseOrderDraft;
import io.restock.backorder.procurement.Requirement;
import io.restock.backorder.procurement.SupplierBatch;
import io.restock.backorder.reliability.SupplierReliability;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.schemas.deadletter.InvalidInputException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supplier step (key supplierId, stores {@code supplier-batches} and {@code supplier-reliability}):
 * gathers each supplier's requirements over the batching window and issues one
 * {@code PurchaseOrderIssued} per supplier and window, keyed by its purchaseOrderId; records
 * deliveries for the supplier's reliability.
 *
 * <p><b>When a batch closes.</b> The window is measured in stream time: it opens at the first
 * requirement's record time and closes when the task's stream time reaches {@code opened + window}
 * (checked on every record and by a stream-time punctuation), so a replay of the same input closes
 * the same batches with the same contents. Stream time only moves with input, so a wall-clock
 * punctuation is the backstop for a quiet partition: it closes a batch whose window ended
 * {@code idleFlushAfter} ago by the wall clock. Either way the decision (order issued, batch emptied,
 * batch number incremented) is written to the store in the same exactly-once transaction as the
 * purchase order, so a crash either issues it once or not at all, and the id (supplier plus batch
 * number) does not depend on which clock closed the batch.
 */
final class SupplierBatchProcessor extends ContextualProcessor<String, SupplierInput, String, PurchaseOrderEvent> {

    private final BackorderSettings settings;
    private KeyValueStore<String, SupplierBatchState> batches;
    private KeyValueStore<String, ReliabilityState> reliability;

    SupplierBatchProcessor(final BackorderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, PurchaseOrderEvent> context) {
        super.init(context);
        this.batches = context.getStateStore(BackorderTopology.SUPPLIER_BATCHES);
        this.reliability = context.getStateStore(BackorderTopology.SUPPLIER_RELIABILITY);
        final Duration every = settings.batchWindow().isZero() ? Duration.ofSeconds(1)
                : settings.batchWindow().dividedBy(4).isZero() ? Duration.ofMillis(1) : settings.batchWindow().dividedBy(4);
        context.schedule(every, PunctuationType.STREAM_TIME, this::closeDue);
        if (!settings.idleFlushAfter().isZero()) {
            context.schedule(settings.idleFlushAfter(), PunctuationType.WALL_CLOCK_TIME,
                    wallClock -> closeDue(wallClock - settings.idleFlushAfter().toMillis()));
        }
    }

    @Override
    public void process(final Record<String, SupplierInput> record) {
        final String supplierId = record.key();
        if (supplierId == null) {
            throw new InvalidInputException("MISSING_KEY", "supplier input without a supplier id");
        }
        final SupplierInput input = record.value();
        if (input.getDelivery() != null) {
            final DeliveryRecord d = input.getDelivery();
            final ReliabilityState stored = reliability.get(supplierId);
            final SupplierReliability before = stored == null ? SupplierReliability.none(supplierId)
                    : new SupplierReliability(supplierId, stored.getOnTime(), stored.getLate(), stored.getDaysLate());
            final SupplierReliability after = before.record(LocalDate.ofEpochDay(d.getPromisedEpochDay()),
                    LocalDate.ofEpochDay(d.getArrivedEpochDay()));
            reliability.put(supplierId, new ReliabilityState(supplierId, after.onTime(), after.late(), after.daysLate()));
        }
        final RequirementRecord requirement = input.getRequirement();
        if (requirement != null) {
            final SupplierBatch batch = load(supplierId);
            final long streamTime = Math.max(context().currentStreamTimeMs(), record.timestamp());
            if (batch.isDue(streamTime, settings.batchWindow())) {
                issue(batch, streamTime);
            }
            batch.add(SkuPlanCodec.requirement(requirement), record.timestamp());
            if (batch.isDue(streamTime, settings.batchWindow())) {
                issue(batch, streamTime);
            }
            batches.put(supplierId, toState(batch));
        }
    }

    /** Issues every batch whose window ended at or before {@code time}. */
    private void closeDue(final long time) {
        final List<SupplierBatch> due = new ArrayList<>();
        try (KeyValueIterator<String, SupplierBatchState> all = batches.all()) {
            while (all.hasNext()) {
                final KeyValue<String, SupplierBatchState> next = all.next();
                final SupplierBatch batch = fromState(next.value);
                if (batch.isDue(time, settings.batchWindow())) {
                    due.add(batch);
                }
            }
        }
        final long at = Math.max(time, context().currentStreamTimeMs());
        for (final SupplierBatch batch : due) {
            issue(batch, at);
            batches.put(batch.supplierId(), toState(batch));
        }
    }

    private void issue(final SupplierBatch batch, final long at) {
        final Optional<PurchaseOrderDraft> draft = batch.close();
        draft.ifPresent(po -> context().forward(new Record<>(po.purchaseOrderId(), new PurchaseOrderEvent(
                new PurchaseOrderIssued(po.purchaseOrderId(), Instant.ofEpochMilli(at), po.purchaseOrderId(),
                        po.supplierId(), po.currency(), po.lines().stream().map(l -> new PurchaseOrderLine(l.lineId(),
                        l.sku(), l.quantity(), l.unitCost().setScale(4, java.math.RoundingMode.HALF_UP),
                        l.requestedDate(), l.dropShip(), null, null)).toList())), at)));
    }

    private SupplierBatch load(final String supplierId) {
        final SupplierBatchState state = batches.get(supplierId);
        return state == null ? SupplierBatch.empty(supplierId) : fromState(state);
    }

    private static SupplierBatch fromState(final SupplierBatchState s) {
        final Map<String, Requirement> bySku = new LinkedHashMap<>();
        s.getRequirements().forEach(r -> bySku.put(r.getSku(), SkuPlanCodec.requirement(r)));
        return new SupplierBatch(s.getSupplierId(), s.getOpenedAt(), s.getBatchesIssued(), bySku);
    }

    private static SupplierBatchState toState(final SupplierBatch b) {
        return new SupplierBatchState(b.supplierId(), b.openedAt(), b.batchesIssued(),
                b.requirements().values().stream().sorted(java.util.Comparator.comparing(Requirement::sku))
                        .map(SkuPlanCodec::requirement).toList());
    }
}
