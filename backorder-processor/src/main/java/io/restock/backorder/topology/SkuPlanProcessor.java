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
import io.restock.events.DropShipRequest;
import io.restock.events.LineQuantity;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.SkuPolicy;
import io.restock.events.StockReceived;
import io.restock.events.StockShortfall;
import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.List;

/**
 * The single writer of each SKU's plan: loads it from {@code sku-plans}, applies the input, stores it
 * back and forwards what it decided: {@code SkuSupply} keyed by SKU (the supply schedule, when it
 * changed), {@code PurchaseOrderEvent} amendments and cancellations keyed by purchaseOrderId, a drop-ship line's
 * own {@code PurchaseOrderIssued} (one line, dropShip with the customer order and line) keyed by purchaseOrderId, and
 * {@code SupplierInput}s (requirements, deliveries) keyed by supplierId. "Now" is the record time,
 * never the wall clock, so a replay decides the same, and event ids derive from the input's id and
 * what the event is ({@code <causeId>/<kind>/<subject>}), so a replay writes the same ids and no two
 * events share one.
 */
final class SkuPlanProcessor extends ContextualProcessor<String, SkuInput, String, Object> {

    private final BackorderSettings settings;
    private KeyValueStore<String, SkuPlanState> plans;

    SkuPlanProcessor(final BackorderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        super.init(context);
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
        final PlanContext ctx = new PlanContext(settings.promises(), now, settings.amendUnacknowledged(),
                settings.dropShipEnabled(), settings.rememberedIds());

        final String causeId;
        final List<Decision> decisions;
        switch (record.value()) {
            case SkuInput.Shortfall(final StockShortfall s) -> {
                causeId = s.getEventId();
                final DropShipRequest ds = s.getDropShipLine();
                decisions = ds == null ? plan.shortfall(s.getEventId(), s.getQuantity(), s.getSequence(), ctx)
                        : plan.dropShip(s.getEventId(), ds.getOrderId(), ds.getLineId(), ds.getSupplierId(),
                        s.getQuantity(), ctx);
            }
            case SkuInput.Movement(final var m) -> {
                if (m.getEvent() instanceof StockReceived r) {
                    causeId = r.getEventId();
                    decisions = plan.received(r.getMovementId(), r.getQuantity(), r.getPurchaseOrderId(),
                            r.getPurchaseOrderLineId(), ctx);
                } else {
                    causeId = null;
                    decisions = List.of();
                }
            }
            case SkuInput.Level(final var l) -> {
                causeId = l == null ? null : l.getEventId();
                decisions = l == null ? List.of()
                        : plan.level(Math.max(0, l.getAvailable()), l.getBackordered(), l.getAllocated(), ctx);
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
        for (final Decision decision : decisions) {
            forward(record, sku, decision, causeId, now);
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
                         final String causeId, final Instant now) {
        final Record<String, SkuInput> record = OutputHeaders.cleared(input);
        switch (decision) {
            case Decision.Request r -> context().forward(record.withKey(r.requirement().supplierId())
                    .withValue(new SupplierInput(SkuPlanCodec.requirement(r.requirement()), null)));
            case Decision.Delivered d -> context().forward(record.withKey(d.supplierId())
                    .withValue(new SupplierInput(null, new DeliveryRecord(d.supplierId(),
                            (int) d.promised().toEpochDay(), (int) d.arrived().toEpochDay()))));
            case Decision.SupplyChanged c -> context().forward(record.withKey(sku)
                    .withValue(SkuPlanCodec.supply(causeId + "/sku-supply/" + sku, now, sku, c.schedule(),
                            c.reason().name())));
            case Decision.AmendLine a -> context().forward(record.withKey(a.purchaseOrderId())
                    .withValue(new PurchaseOrderEvent(new PurchaseOrderAmended(
                            causeId + "/purchase-order-amended/" + a.purchaseOrderId() + "/" + a.lineId(), now,
                            a.purchaseOrderId(), a.supplierId(), List.of(new LineQuantity(a.lineId(), sku, a.quantity())),
                            "DEMAND_CANCELLED"))));
            case Decision.IssueDropShip d -> context().forward(record.withKey(d.purchaseOrderId())
                    .withValue(new PurchaseOrderEvent(new PurchaseOrderIssued(
                            causeId + "/purchase-order-issued/" + d.purchaseOrderId(), now, d.purchaseOrderId(),
                            d.supplierId(), d.currency(), List.of(new PurchaseOrderLine(d.lineId(), sku, d.quantity(),
                            d.unitCost().setScale(4, java.math.RoundingMode.HALF_UP), d.requestedDate(), true,
                            d.orderId(), d.orderLineId()))))));
            case Decision.CancelLine c -> context().forward(record.withKey(c.purchaseOrderId())
                    .withValue(new PurchaseOrderEvent(new PurchaseOrderCancelled(
                            causeId + "/purchase-order-cancelled/" + c.purchaseOrderId() + "/" + c.lineId(), now,
                            c.purchaseOrderId(), c.supplierId(), List.of(c.lineId()), "DEMAND_CANCELLED"))));
        }
    }
}
