package io.restock.backorder.topology;

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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purchase-order step (key purchaseOrderId, store {@code purchase-orders}): remembers which SKU
 * each line of our purchase orders is for, and turns our own amendments and cancellations and every
 * supplier answer into per-line {@code SupplyUpdate}s keyed by SKU.
 *
 * <p>Supplier input it cannot apply is dead-lettered: a message for a purchase order we never issued
 * ({@code UNKNOWN_PURCHASE_ORDER}) or from a supplier other than the order's ({@code UNKNOWN_SUPPLIER}).
 * A message whose {@code supplierMessageId} was applied already is dropped (the same acknowledgement
 * twice changes nothing). Lines a message names that the order does not have are skipped.
 */
final class PurchaseOrderLinesProcessor implements Processor<String, PurchaseOrderInput, String, SupplyUpdate> {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseOrderLinesProcessor.class);

    private final int rememberedIds;
    private ProcessorContext<String, SupplyUpdate> context;
    private KeyValueStore<String, PurchaseOrderState> orders;

    PurchaseOrderLinesProcessor(final int rememberedIds) {
        this.rememberedIds = rememberedIds;
    }

    @Override
    public void init(final ProcessorContext<String, SupplyUpdate> context) {
        this.context = context;
        this.orders = context.getStateStore(BackorderTopology.PURCHASE_ORDERS);
    }

    @Override
    public void process(final Record<String, PurchaseOrderInput> record) {
        final String poId = record.key();
        if (poId == null || record.value() == null) {
            throw new InvalidInputException("MISSING_KEY", "purchase-order record without key or value");
        }
        final List<SupplyUpdate> updates = switch (record.value()) {
            case PurchaseOrderInput.Ours(final var ours) -> ours(poId, ours.getEvent());
            case PurchaseOrderInput.Supplier(final SupplierEvent answer) -> supplier(poId, answer.getEvent());
        };
        for (final SupplyUpdate update : updates) {
            context.forward(record.withKey(update.getSku()).withValue(update));
        }
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
        if (state == null) {
            throw new InvalidInputException("UNKNOWN_PURCHASE_ORDER", "no purchase order " + poId);
        }
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
