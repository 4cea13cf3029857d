package io.restock.backorder.topology;

import io.restock.backorder.internal.OfferState;
import io.restock.backorder.internal.OfferTerms;
import io.restock.backorder.internal.PendingState;
import io.restock.backorder.internal.PoLineState;
import io.restock.backorder.internal.RequirementRecord;
import io.restock.backorder.internal.ShipmentState;
import io.restock.backorder.internal.SkuPlanState;
import io.restock.backorder.internal.TermsState;
import io.restock.backorder.plan.Pending;
import io.restock.backorder.plan.PoLine;
import io.restock.backorder.plan.SkuPlan;
import io.restock.backorder.plan.Terms;
import io.restock.backorder.procurement.Offer;
import io.restock.backorder.procurement.Requirement;
import io.restock.events.DropShipLine;
import io.restock.events.DropShipStatus;
import io.restock.events.InboundArrival;
import io.restock.events.InboundSupply;
import io.restock.events.NextOrder;
import io.restock.events.SkuSupply;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Maps the plain-Java domain to its private Avro records and back. */
public final class SkuPlanCodec {

    private SkuPlanCodec() {
    }

    public static SkuPlanState toState(final SkuPlan plan) {
        return SkuPlanState.newBuilder()
                .setSku(plan.sku())
                .setTerms(plan.terms().map(t -> new TermsState(t.handlingDays(), t.dropShipAllowed(), t.targetLevel(),
                        t.maxWaitDays())).orElse(null))
                .setOffers(plan.offers().values().stream()
                        .sorted(java.util.Comparator.comparing(Offer::supplierId))
                        .map(o -> new OfferState(o.supplierId(), offerTerms(o))).toList())
                .setAvailable(plan.available())
                .setBackordered(plan.backordered())
                .setAllocated(plan.allocated())
                .setLines(plan.lines().stream().map(l -> new PoLineState(l.purchaseOrderId(), l.lineId(), l.supplierId(),
                        l.ordered(), l.accepted(), l.rejected(), l.cancelled(), (int) l.requestedDate().toEpochDay(),
                        day(l.promisedDate()), l.shipments().stream().map(s -> new ShipmentState(s.shipmentId(),
                        s.quantity(), (int) s.arrival().toEpochDay())).toList(), l.received(), l.observed(),
                        l.dropShipOrderId(), l.dropShipLineId())).toList())
                .setPending(plan.pending().stream().map(p -> new PendingState(p.seq(), p.supplierId(), p.quantity(),
                        (int) p.expected().toEpochDay())).toList())
                .setNextSeq(plan.nextSeq())
                .setRequirement(plan.requirement())
                .setExcluded(new TreeSet<>(plan.excluded()).stream().toList())
                .setRecentIds(plan.recentIds())
                .setAppliedThrough(plan.appliedThrough())
                .setPublishedSupply(plan.published())
                .build();
    }

    public static SkuPlan fromState(final SkuPlanState s) {
        final Map<String, Offer> offers = new LinkedHashMap<>();
        s.getOffers().forEach(o -> offers.put(o.getSupplierId(), offer(o.getSupplierId(), s.getSku(), o.getTerms())));
        final TermsState t = s.getTerms();
        return new SkuPlan(s.getSku(),
                t == null ? null : new Terms(t.getHandlingDays(), t.getDropShipAllowed(), t.getTargetLevel(),
                        t.getMaxWaitDays()),
                offers, s.getAvailable(), s.getBackordered(), s.getAllocated(),
                s.getLines().stream().map(l -> new PoLine(l.getPurchaseOrderId(), l.getLineId(), l.getSupplierId(),
                        l.getOrdered(), l.getAccepted(), l.getRejected(), l.getCancelled(),
                        LocalDate.ofEpochDay(l.getRequestedEpochDay()), date(l.getPromisedEpochDay()),
                        l.getShipments().stream().map(x -> new PoLine.Shipment(x.getShipmentId(), x.getQuantity(),
                                LocalDate.ofEpochDay(x.getArrivalEpochDay()))).toList(),
                        l.getReceived(), l.getObserved(), l.getDropShipOrderId(), l.getDropShipLineId())).toList(),
                s.getPending().stream().map(p -> new Pending(p.getSeq(), p.getSupplierId(), p.getQuantity(),
                        LocalDate.ofEpochDay(p.getExpectedEpochDay()))).toList(),
                s.getNextSeq(), s.getRequirement(), new TreeSet<>(s.getExcluded()), s.getRecentIds(),
                s.getAppliedThrough(), s.getPublishedSupply());
    }

    /** The published form of a schedule. */
    public static SkuSupply supply(final String eventId, final Instant at, final String sku,
                                   final SkuPlan.Schedule schedule, final String reason) {
        return new SkuSupply(eventId, at, sku, schedule.lines().stream().map(l -> new InboundSupply(
                        l.purchaseOrderId(), l.lineId(), l.supplierId(), l.expectedQuantity(), l.receivedQuantity(),
                        l.arrivals().stream().map(a -> new InboundArrival(a.expected(), a.quantity())).toList())).toList(),
                schedule.next() == null ? null : new NextOrder(schedule.next().supplierId(),
                        schedule.next().leadTimeDays(), schedule.nextDropShips()),
                schedule.onOrder(), schedule.appliedThrough(), List.copyOf(schedule.weighed()),
                schedule.dropShips().stream().map(d -> new DropShipLine(d.orderId(), d.lineId(), d.supplierId(),
                        d.purchaseOrderId(), d.purchaseOrderLineId(), d.quantity(), d.expected(), d.shipped(),
                        DropShipStatus.valueOf(d.status().name()))).toList(),
                reason);
    }

    public static OfferTerms offerTerms(final Offer o) {
        return new OfferTerms(o.leadTimeDays(), o.unitCost().toPlainString(), o.currency(), o.minimumOrderQuantity(),
                o.packSize(), o.dropShip(), o.reliability(), o.active());
    }

    public static Offer offer(final String supplierId, final String sku, final OfferTerms t) {
        return new Offer(supplierId, sku, t.getLeadTimeDays(), new BigDecimal(t.getUnitCost()), t.getCurrency(),
                Math.max(1, t.getMinimumOrderQuantity()), Math.max(1, t.getPackSize()), t.getDropShip(),
                t.getReliability(), t.getActive());
    }

    public static RequirementRecord requirement(final Requirement r) {
        return new RequirementRecord(r.sku(), r.supplierId(), r.seq(), r.quantity(), r.minimumOrderQuantity(),
                r.packSize(), r.unitCost().toPlainString(), r.currency(), r.leadTimeDays(), r.dropShip(),
                day(r.requestedDate()));
    }

    public static Requirement requirement(final RequirementRecord r) {
        return new Requirement(r.getSku(), r.getSupplierId(), r.getSeq(), r.getQuantity(), r.getMinimumOrderQuantity(),
                r.getPackSize(), new BigDecimal(r.getUnitCost()), r.getCurrency(), r.getLeadTimeDays(), r.getDropShip(),
                date(r.getRequestedEpochDay()));
    }

    static Integer day(final LocalDate date) {
        return date == null ? null : (int) date.toEpochDay();
    }

    static LocalDate date(final Integer epochDay) {
        return epochDay == null ? null : LocalDate.ofEpochDay(epochDay);
    }
}
