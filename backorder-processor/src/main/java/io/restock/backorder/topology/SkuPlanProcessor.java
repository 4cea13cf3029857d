package io.restock.backorder.topology;

import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.internal.DeliveryRecord;
import io.restock.backorder.internal.OfferChange;
import io.restock.backorder.internal.SkuPlanState;
import io.restock.backorder.internal.SupplierInput;
import io.restock.backorder.internal.SupplyUpdate;
import io.restock.backorder.plan.Decision;
import io.restock.backorder.plan.PlanContext;
import io.restock.backorder.plan.SkuPlan;
import io.restock.backorder.plan.Terms;
import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineQuantity;
import io.restock.events.LineReleased;
import io.restock.events.PromiseBasis;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SkuPolicy;
import io.restock.events.SkuPromise;
import io.restock.events.StockAdjusted;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The single writer of each SKU's plan: loads it from {@code sku-plans}, applies the input, stores it
 * back and forwards what it decided: {@code DeliveryDateChanged} keyed by orderId, {@code SkuPromise}
 * (or a tombstone, {@link #WITHDRAWN}) keyed by SKU, {@code PurchaseOrderEvent} amendments and
 * cancellations keyed by purchaseOrderId, and {@code SupplierInput}s (requirements, deliveries) keyed
 * by supplierId. "Now" is the record time, never the wall clock, so a replay decides the same, and
 * event ids derive from the input's id, so a replay writes the same ids.
 */
final class SkuPlanProcessor implements Processor<String, SkuInput, String, Object> {

    /** Stands for a tombstone on {@code promises.sku-promises} between this node and the sink. */
    static final Object WITHDRAWN = new Object();

    private final BackorderSettings settings;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SkuPlanState> plans;

    SkuPlanProcessor(final BackorderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
        this.plans = context.getStateStore(BackorderTopology.SKU_PLANS);
    }

    @Override
    public void process(final Record<String, SkuInput> record) {
        final String sku = record.key();
        if (sku == null || sku.isEmpty()) {
            throw new InvalidInputException("MISSING_KEY", "record without a SKU key");
        }
        final SkuPlanState stored = plans.get(sku);
        final SkuPlan plan = stored == null ? SkuPlan.empty(sku) : SkuPlanCodec.fromState(stored);
        final Instant now = Instant.ofEpochMilli(record.timestamp());
        final PlanContext ctx = new PlanContext(settings.priorityRule(), now, settings.zone(),
                settings.amendUnacknowledged(), settings.dropShipEnabled(), settings.rememberedIds());

        final String causeId;
        final List<Decision> decisions;
        switch (record.value()) {
            case SkuInput.Shortfall(final StockShortfall s) -> {
                causeId = s.getEventId();
                decisions = plan.shortfall(s.getEventId(), s.getQuantity(), s.getNeedBy(), ctx);
            }
            case SkuInput.Line(final var line) -> {
                final Object event = line.getEvent();
                causeId = lineEventId(event);
                decisions = switch (event) {
                    case LineBackordered b -> plan.opened(b.getEventId(), b.getOrderId(), b.getLineId(), b.getPlacedAt(),
                            b.getCustomerTier() == null ? 0 : b.getCustomerTier().ordinal(),
                            b.getLineValue() == null ? BigDecimal.ZERO : b.getLineValue(), b.getQuantity(),
                            b.getPromisedDate(), ctx);
                    case LineAllocated a -> plan.allocatedAtOrder(a.getEventId(), a.getQuantity(), ctx);
                    case BackorderAllocated f -> plan.filled(f.getEventId(), f.getOrderId(), f.getLineId(),
                            f.getQuantity(), f.getRemainingBackordered(), ctx);
                    case BackorderCancelled c -> plan.cancelled(c.getEventId(), c.getOrderId(), c.getLineId(),
                            c.getQuantity(), ctx);
                    case LineReleased r -> plan.released(r.getEventId(), r.getQuantity(), ctx);
                    default -> List.of();
                };
            }
            case SkuInput.Movement(final var m) -> {
                switch (m.getEvent()) {
                    case StockReceived r -> {
                        causeId = r.getEventId();
                        decisions = plan.received(r.getMovementId(), r.getQuantity(), r.getPurchaseOrderId(),
                                r.getPurchaseOrderLineId(), ctx);
                    }
                    case StockAdjusted a -> {
                        causeId = a.getEventId();
                        decisions = plan.adjusted(a.getMovementId(), a.getDelta(), ctx);
                    }
                    default -> {
                        causeId = null;
                        decisions = List.of();
                    }
                }
            }
            case SkuInput.Level(final var l) -> {
                causeId = l == null ? null : l.getEventId();
                decisions = l == null ? List.of() : plan.level(Math.max(0, l.getAvailable()), ctx);
            }
            case SkuInput.Policy(final SkuPolicy p) -> {
                causeId = p == null ? "policy-withdrawn/" + sku + "/" + record.timestamp() : p.getEventId();
                decisions = plan.policy(p == null ? null
                        : new Terms(p.getHandlingDays(), p.getDropShipAllowed(), p.getTargetLevel(), p.getMaxWaitDays()),
                        ctx);
            }
            case SkuInput.Offer(final OfferChange o) -> {
                causeId = "offer/" + o.getSupplierId() + "/" + sku + "/" + record.timestamp();
                decisions = plan.offer(o.getSupplierId(),
                        o.getTerms() == null ? null : SkuPlanCodec.offer(o.getSupplierId(), sku, o.getTerms()), ctx);
            }
            case SkuInput.Supply(final SupplyUpdate u) -> {
                causeId = "supply/" + u.getKind() + "/" + u.getPurchaseOrderId() + "/" + u.getLineId() + "/"
                        + (u.getShipmentId() == null ? "" : u.getShipmentId() + "/") + record.timestamp();
                decisions = supply(plan, u, ctx);
            }
        }

        plans.put(sku, SkuPlanCodec.toState(plan));
        int index = 0;
        for (final Decision decision : decisions) {
            final String eventId = causeId + "#" + index++;
            forward(record, sku, decision, eventId, now);
        }
    }

    private static List<Decision> supply(final SkuPlan plan, final SupplyUpdate u, final PlanContext ctx) {
        final String po = u.getPurchaseOrderId();
        final String line = u.getLineId();
        return switch (u.getKind()) {
            case ISSUED -> plan.lineIssued(po, line, u.getSupplierId(), u.getQuantity(),
                    SkuPlanCodec.date(u.getEpochDay()), ctx);
            case AMENDED -> plan.lineAmended(po, line, u.getQuantity(), ctx);
            case CANCELLED -> plan.lineCancelled(po, line, ctx);
            case ACKNOWLEDGED -> plan.acknowledged(po, line, u.getQuantity(), SkuPlanCodec.date(u.getEpochDay()), ctx);
            case REJECTED -> plan.rejected(po, line, ctx);
            case DATE_CHANGED -> plan.promisedDateChanged(po, line, SkuPlanCodec.date(u.getEpochDay()), ctx);
            case SHIPPED -> plan.shipped(po, line, u.getShipmentId(), u.getQuantity(),
                    SkuPlanCodec.date(u.getEpochDay()), ctx);
        };
    }

    private void forward(final Record<String, SkuInput> input, final String sku, final Decision decision,
                         final String eventId, final Instant now) {
        final Record<String, SkuInput> record = OutputHeaders.cleared(input);
        switch (decision) {
            case Decision.Request r -> context.forward(record.withKey(r.requirement().supplierId())
                    .withValue(new SupplierInput(SkuPlanCodec.requirement(r.requirement()), null)));
            case Decision.Delivered d -> context.forward(record.withKey(d.supplierId())
                    .withValue(new SupplierInput(null, new DeliveryRecord(d.supplierId(),
                            (int) d.promised().toEpochDay(), (int) d.arrived().toEpochDay()))));
            case Decision.DateChanged c -> context.forward(record.withKey(c.orderId())
                    .withValue(new DeliveryDateChanged(eventId, now, c.orderId(), c.lineId(), sku, c.previous(),
                            c.next(), DateChangeReason.valueOf(c.reason().name()))));
            case Decision.PromiseChanged p -> context.forward(record.withKey(sku)
                    .withValue(new SkuPromise(eventId, now, sku, p.earliest(), p.supplierId(),
                            p.newOrder() ? PromiseBasis.NEW_ORDER : PromiseBasis.INBOUND)));
            case Decision.PromiseWithdrawn w -> context.forward(record.withKey(sku).withValue(WITHDRAWN));
            case Decision.AmendLine a -> context.forward(record.withKey(a.purchaseOrderId())
                    .withValue(new PurchaseOrderEvent(new PurchaseOrderAmended(eventId, now, a.purchaseOrderId(),
                            a.supplierId(), List.of(new LineQuantity(a.lineId(), sku, a.quantity())),
                            "DEMAND_CANCELLED"))));
            case Decision.CancelLine c -> context.forward(record.withKey(c.purchaseOrderId())
                    .withValue(new PurchaseOrderEvent(new PurchaseOrderCancelled(eventId, now, c.purchaseOrderId(),
                            c.supplierId(), List.of(c.lineId()), "DEMAND_CANCELLED"))));
        }
    }

    private static String lineEventId(final Object event) {
        return switch (event) {
            case LineBackordered b -> b.getEventId();
            case LineAllocated a -> a.getEventId();
            case BackorderAllocated f -> f.getEventId();
            case BackorderCancelled c -> c.getEventId();
            case LineReleased r -> r.getEventId();
            default -> "line-event";
        };
    }
}
