package io.restock.inventory.stock;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.allocation.BookLine;
import io.restock.inventory.allocation.MemoryBooks;
import io.restock.inventory.allocation.SkuBook;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StockViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static BookLine line(final String order, final int tier, final Instant placed, final int backordered) {
        return new BookLine(order, "1", placed, tier, new BigDecimal("10"), backordered, 0, backordered, 0,
                LocalDate.parse("2026-12-01"));
    }

    private final SkuBook book = MemoryBooks.of(
            new SkuBook.Header("s", null, 4, 4, 6, 5, 3, 2, Map.of(LocalDate.parse("2026-12-01"), 2), Map.of(), null,
                    1, null, Map.of(), Map.of(6L, 6), 6),
            List.of(new BookLine("a", "1", NOW.minusSeconds(500), 0, BigDecimal.TEN, 4, 4, 0, 0, null),
                    line("late-gold", 3, NOW.minusSeconds(10), 2),
                    line("early", 0, NOW.minusSeconds(100), 3)),
            List.of("m-1"));

    @Test
    void theStockViewCarriesTheLevelAndWhetherAMovementWasApplied() {
        final StockView view = StockViews.stock(book, NOW, "h:1", "m-1", null, null);
        assertThat(view.onHand()).isEqualTo(4);
        assertThat(view.available()).isZero();
        assertThat(view.backordered()).isEqualTo(5);
        assertThat(view.inventoryPosition()).isEqualTo(4 + 6 - 4 - 5);
        assertThat(view.movementApplied()).isTrue();
        assertThat(StockViews.stock(book, NOW, "h:1", null, null, null).movementApplied()).isNull();
    }

    @Test
    void theQueueListsOnlyBackordersInTheRulesOrder() {
        assertThat(StockViews.queue(book, PriorityRule.FIFO, NOW, "h:1").lines())
                .extracting(BackorderQueueView.QueuedLine::orderId, BackorderQueueView.QueuedLine::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("early", 1),
                        org.assertj.core.groups.Tuple.tuple("late-gold", 2));
        assertThat(StockViews.queue(book, PriorityRule.weighted(100, 0, 0), NOW, "h:1").lines())
                .extracting(BackorderQueueView.QueuedLine::orderId).containsExactly("late-gold", "early");
        assertThat(StockViews.queue(book, PriorityRule.FIFO, NOW, "h:1").lines().getFirst().promisedDate())
                .isEqualTo("2026-12-01");
    }
}
