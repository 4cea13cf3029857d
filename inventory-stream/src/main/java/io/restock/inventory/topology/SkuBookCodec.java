package io.restock.inventory.topology;

import io.restock.allocation.rules.Claim;
import io.restock.events.SkuPolicy;
import io.restock.inventory.allocation.QueueTail;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
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
                state.getLeadTimes(),
                state.getPromiseEpochDay() == null ? null : LocalDate.ofEpochDay(state.getPromiseEpochDay()),
                tail, state.getMovementsRemembered());
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
                .setPromiseEpochDay(header.promise() == null ? null : (int) header.promise().toEpochDay())
                .setQueueTail(tail == null ? null : new QueueTailState(tail.rule(), tail.last().placedAt().toEpochMilli(),
                        tail.last().orderId(), tail.last().lineId(), tail.scoreFloor(), tail.asOf().toEpochMilli()))
                .setMovementsRemembered(header.movementsRemembered())
                .build();
    }

    static SkuTerms terms(final SkuPolicy policy) {
        return new SkuTerms(policy.getBackorderable(), policy.getMaxWaitDays(), policy.getReorderPoint(),
                policy.getTargetLevel(), policy.getHandlingDays(), policy.getSubstitutes());
    }
}
