package io.restock.inventory.topology;

import io.restock.allocation.rules.Claim;
import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.Supply;
import io.restock.events.SkuSupply;
import io.restock.events.SkuPolicy;
import io.restock.inventory.allocation.QueueTail;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
import io.restock.inventory.allocation.SupplySchedule;
import io.restock.inventory.internal.ArrivalState;
import io.restock.inventory.internal.DropShipLineState;
import io.restock.inventory.internal.InboundLineState;
import io.restock.inventory.internal.SupplyState;
import io.restock.inventory.internal.UncoveredShortfall;
import io.restock.inventory.internal.PolicyState;
import io.restock.inventory.internal.PromisedDateCount;
import io.restock.inventory.internal.QueueTailState;
import io.restock.inventory.internal.SkuState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a {@link SkuBook.Header} to the Avro record kept in the {@code sku-stock} store, and back.
 * Public for the read side (interactive queries).
 */
public final class SkuBookCodec {

    private SkuBookCodec() {
    }

    public static SkuBook.Header fromState(final SkuState state) {
        final PolicyState p = state.getPolicy();
        final SkuTerms terms = p == null ? null : new SkuTerms(p.getBackorderable(), p.getMaxWaitDays(),
                p.getReorderPoint(), p.getTargetLevel(), p.getHandlingDays(), p.getSubstitutes());
        final Map<LocalDate, Integer> promised = new HashMap<>();
        for (final PromisedDateCount c : state.getPromisedDates()) {
            promised.put(LocalDate.ofEpochDay(c.getEpochDay()), c.getLines());
        }
        final QueueTailState t = state.getQueueTail();
        final QueueTail tail = t == null ? null : new QueueTail(t.getRule(),
                new Claim(t.getOrderId(), t.getLineId(), Instant.ofEpochMilli(t.getPlacedAtMillis()), 0,
                        BigDecimal.ZERO, 0),
                t.getScoreFloor(), Instant.ofEpochMilli(t.getAsOfMillis()));
        return new SkuBook.Header(state.getSku(), terms, state.getOnHand(), state.getAllocated(), state.getOnOrder(),
                state.getBackordered(), state.getOpenLines(), state.getBackorderedLines(), promised,
                state.getLeadTimes(), tail, state.getMovementsRemembered(), supply(state.getSupply()),
                state.getReceivedLocally(), uncovered(state.getUncoveredShortfalls()), state.getShortfallSequence());
    }

    private static SupplySchedule supply(final SupplyState s) {
        if (s == null) {
            return null;
        }
        final List<InboundLine> lines = new ArrayList<>(s.getLines().size());
        for (final InboundLineState l : s.getLines()) {
            final List<Supply.Inbound> arrivals = new ArrayList<>(l.getArrivals().size());
            l.getArrivals().forEach(a -> arrivals.add(new Supply.Inbound(LocalDate.ofEpochDay(a.getEpochDay()),
                    a.getQuantity())));
            lines.add(new InboundLine(l.getPurchaseOrderId(), l.getLineId(), l.getSupplierId(),
                    l.getExpectedQuantity(), l.getReceivedQuantity(), arrivals));
        }
        return new SupplySchedule(lines, s.getNextSupplierId(), s.getNextLeadTimeDays(), s.getOnOrder(),
                s.getAppliedThrough(), s.getNextDropShips(), s.getWeighedSuppliers(), s.getDropShipLines().stream()
                .map(d -> new SupplySchedule.DropShip(d.getOrderId(), d.getLineId(), d.getSupplierId(),
                        d.getPurchaseOrderId(), d.getPurchaseOrderLineId(), d.getQuantity(),
                        LocalDate.ofEpochDay(d.getExpectedEpochDay()), d.getShipped(),
                        SupplySchedule.DropShipStatus.valueOf(d.getStatus()))).toList());
    }

    private static SupplyState supplyState(final SupplySchedule s) {
        if (s == null) {
            return null;
        }
        final List<InboundLineState> lines = new ArrayList<>(s.lines().size());
        for (final InboundLine l : s.lines()) {
            final List<ArrivalState> arrivals = new ArrayList<>(l.arrivals().size());
            l.arrivals().forEach(a -> arrivals.add(new ArrivalState((int) a.expected().toEpochDay(), a.quantity())));
            lines.add(new InboundLineState(l.purchaseOrderId(), l.lineId(), l.supplierId(), l.expectedQuantity(),
                    l.receivedQuantity(), arrivals));
        }
        return new SupplyState(lines, s.nextSupplierId(), s.nextLeadTimeDays(), s.nextDropShips(),
                s.weighed() == null ? null : new ArrayList<>(s.weighed()), s.dropShips().stream()
                .map(d -> new DropShipLineState(d.orderId(), d.lineId(), d.supplierId(), d.purchaseOrderId(),
                        d.purchaseOrderLineId(), d.quantity(), (int) d.expected().toEpochDay(), d.shipped(),
                        d.status().name())).toList(), s.onOrder(), s.appliedThrough());
    }

    private static Map<Long, Integer> uncovered(final List<UncoveredShortfall> list) {
        final Map<Long, Integer> out = new TreeMap<>();
        list.forEach(u -> out.put(u.getSequence(), u.getUnits()));
        return out;
    }

    static SkuState toState(final SkuBook.Header header) {
        final PolicyState policy = header.terms() == null ? null : PolicyState.newBuilder()
                .setBackorderable(header.terms().backorderable())
                .setMaxWaitDays(header.terms().maxWaitDays())
                .setReorderPoint(header.terms().reorderPoint())
                .setTargetLevel(header.terms().targetLevel())
                .setHandlingDays(header.terms().handlingDays())
                .setSubstitutes(new ArrayList<>(header.terms().substitutes()))
                .build();
        final List<PromisedDateCount> promised = new ArrayList<>(header.promisedDates().size());
        new TreeMap<>(header.promisedDates()).forEach((date, lines) ->
                promised.add(new PromisedDateCount((int) date.toEpochDay(), lines)));
        final QueueTail tail = header.queueTail();
        return SkuState.newBuilder()
                .setSku(header.sku())
                .setPolicy(policy)
                .setOnHand(header.onHand())
                .setAllocated(header.allocated())
                .setOnOrder(header.onOrder())
                .setBackordered(header.backordered())
                .setOpenLines(header.openLines())
                .setBackorderedLines(header.backorderedLines())
                .setPromisedDates(promised)
                .setLeadTimes(new LinkedHashMap<>(new TreeMap<>(header.leadTimes())))
                .setQueueTail(tail == null ? null : new QueueTailState(tail.rule(), tail.last().placedAt().toEpochMilli(),
                        tail.last().orderId(), tail.last().lineId(), tail.scoreFloor(), tail.asOf().toEpochMilli()))
                .setMovementsRemembered(header.movementsRemembered())
                .setSupply(supplyState(header.supply()))
                .setReceivedLocally(new LinkedHashMap<>(new TreeMap<>(header.receivedLocally())))
                .setUncoveredShortfalls(new TreeMap<>(header.uncovered()).entrySet().stream()
                        .map(e -> new UncoveredShortfall(e.getKey(), e.getValue())).toList())
                .setShortfallSequence(header.shortfallSequence())
                .build();
    }

    /** The schedule a {@code SkuSupply} event publishes. */
    static SupplySchedule schedule(final SkuSupply s) {
        final List<InboundLine> lines = new ArrayList<>(s.getInbound().size());
        s.getInbound().forEach(l -> lines.add(new InboundLine(l.getPurchaseOrderId(), l.getLineId(), l.getSupplierId(),
                l.getExpectedQuantity(), l.getReceivedQuantity(), l.getArrivals().stream()
                        .map(a -> new Supply.Inbound(a.getExpected(), a.getQuantity())).toList())));
        return new SupplySchedule(lines, s.getNextOrder() == null ? null : s.getNextOrder().getSupplierId(),
                s.getNextOrder() == null ? null : s.getNextOrder().getLeadTimeDays(), s.getOnOrder(),
                s.getShortfallsAppliedThrough(), s.getNextOrder() != null && s.getNextOrder().getDropShip(),
                s.getWeighedSuppliers(), s.getDropShipLines().stream()
                .map(d -> new SupplySchedule.DropShip(d.getOrderId(), d.getLineId(), d.getSupplierId(),
                        d.getPurchaseOrderId(), d.getPurchaseOrderLineId(), d.getQuantity(), d.getExpected(),
                        d.getShippedQuantity(), SupplySchedule.DropShipStatus.valueOf(d.getStatus().name())))
                .toList());
    }

    static SkuTerms terms(final SkuPolicy policy) {
        return new SkuTerms(policy.getBackorderable(), policy.getMaxWaitDays(), policy.getReorderPoint(),
                policy.getTargetLevel(), policy.getHandlingDays(), policy.getSubstitutes());
    }
}
