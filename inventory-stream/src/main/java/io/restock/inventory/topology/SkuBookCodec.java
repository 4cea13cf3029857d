package io.restock.inventory.topology;

import io.restock.events.SkuPolicy;
import io.restock.inventory.allocation.BookLine;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.PolicyState;
import io.restock.inventory.internal.SkuState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Maps a {@link SkuBook} to the Avro record kept in the {@code sku-books} store, and back. Public for
 * the read side (interactive queries), which turns a stored {@link SkuState} into a book.
 */
public final class SkuBookCodec {

    private SkuBookCodec() {
    }

    public static SkuBook fromState(final SkuState state) {
        final PolicyState p = state.getPolicy();
        final SkuTerms terms = p == null ? null : new SkuTerms(p.getBackorderable(), p.getMaxWaitDays(),
                p.getReorderPoint(), p.getTargetLevel(), p.getHandlingDays(), p.getSubstitutes());
        final List<BookLine> lines = new ArrayList<>();
        for (final LineState l : state.getLines()) {
            lines.add(new BookLine(l.getOrderId(), l.getLineId(), Instant.ofEpochMilli(l.getPlacedAtMillis()),
                    l.getTierRank(), new BigDecimal(l.getLineValue()), l.getOrdered(), l.getAllocated(),
                    l.getBackordered(), l.getShipped(),
                    l.getPromisedEpochDay() == null ? null : LocalDate.ofEpochDay(l.getPromisedEpochDay())));
        }
        return new SkuBook(state.getSku(), terms, state.getOnHand(), state.getAllocated(), state.getOnOrder(),
                state.getLeadTimes(),
                state.getPromiseEpochDay() == null ? null : LocalDate.ofEpochDay(state.getPromiseEpochDay()),
                lines, state.getRecentMovementIds());
    }

    static SkuState toState(final SkuBook book) {
        final List<LineState> lines = new ArrayList<>();
        for (final BookLine l : book.lines()) {
            lines.add(LineState.newBuilder()
                    .setOrderId(l.orderId())
                    .setLineId(l.lineId())
                    .setPlacedAtMillis(l.placedAt().toEpochMilli())
                    .setTierRank(l.tierRank())
                    .setLineValue(l.lineValue().toPlainString())
                    .setOrdered(l.ordered())
                    .setAllocated(l.allocated())
                    .setBackordered(l.backordered())
                    .setShipped(l.shipped())
                    .setPromisedEpochDay(l.promisedDate() == null ? null : (int) l.promisedDate().toEpochDay())
                    .build());
        }
        final PolicyState policy = book.terms().map(t -> PolicyState.newBuilder()
                .setBackorderable(t.backorderable())
                .setMaxWaitDays(t.maxWaitDays())
                .setReorderPoint(t.reorderPoint())
                .setTargetLevel(t.targetLevel())
                .setHandlingDays(t.handlingDays())
                .setSubstitutes(new ArrayList<>(t.substitutes()))
                .build()).orElse(null);
        return SkuState.newBuilder()
                .setSku(book.sku())
                .setPolicy(policy)
                .setOnHand(book.onHand())
                .setAllocated(book.allocated())
                .setOnOrder(book.onOrder())
                .setLeadTimes(new LinkedHashMap<>(book.leadTimes()))
                .setPromiseEpochDay(book.promise().map(d -> (int) d.toEpochDay()).orElse(null))
                .setLines(lines)
                .setRecentMovementIds(new ArrayList<>(book.recentMovementIds()))
                .build();
    }

    static SkuTerms terms(final SkuPolicy policy) {
        return new SkuTerms(policy.getBackorderable(), policy.getMaxWaitDays(), policy.getReorderPoint(),
                policy.getTargetLevel(), policy.getHandlingDays(), policy.getSubstitutes());
    }
}
