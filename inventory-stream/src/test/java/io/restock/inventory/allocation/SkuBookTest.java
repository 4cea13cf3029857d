package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;
import org.junit.jupiter.api.Test;

import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.Supply;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-SKU book on its own, plain JUnit. */
class SkuBookTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private static final SkuTerms TERMS = new SkuTerms(true, null, 0, 0, 1, List.of());

    private static SkuBook.Context at(final Instant now) {
        return new SkuBook.Context(PriorityRule.FIFO, now, ZoneOffset.UTC, 30, sku -> 0);
    }

    private static LineRequest line(final String order, final int quantity, final Instant placedAt) {
        return new LineRequest(order, "1", quantity, BigDecimal.TEN, placedAt, 0, null);
    }

    private static SkuBook stocked(final int onHand) {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(TERMS, at(NOW));
        book.changeLeadTime("acme", 5);
        if (onHand > 0) {
            book.receive(onHand, false, at(NOW));
        }
        return book;
    }

    @Test
    void allocatesTheAvailablePartAndBackordersTheRest() {
        final SkuBook book = stocked(10);

        final List<Outcome> outcomes = book.allocate(line("o-1", 15, NOW), at(NOW));

        assertThat(outcomes).containsExactly(new Outcome.Allocated("o-1", "1", 10, 15),
                new Outcome.Backordered("o-1", "1", 5, 15, 1, NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(6), NOW,
                        0, BigDecimal.valueOf(150)),
                new Outcome.ShortfallRaised(5, true, -5, 0, 0, NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(6), 1));
        assertThat(book.level()).isEqualTo(new Level(10, 10, 5, 5));
    }

    @Test
    void availableAndBackorderedAreNeverBothPositive() {
        final SkuBook book = stocked(0);
        book.allocate(line("o-1", 3, NOW), at(NOW));
        book.allocate(line("o-2", 3, NOW.plusSeconds(1)), at(NOW));

        book.receive(4, false, at(NOW.plus(Duration.ofDays(1))));

        assertThat(book.level().available()).isZero();
        assertThat(book.level().backordered()).isEqualTo(2);
    }

    @Test
    void aRejectedOperationChangesNothing() {
        final SkuBook book = stocked(5);
        book.allocate(line("o-1", 5, NOW), at(NOW));

        assertThatThrownBy(() -> book.adjust(-1, at(NOW))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> book.ship("o-1", "1", 6, at(NOW))).isInstanceOf(InvalidInputException.class);

        assertThat(book.level()).isEqualTo(new Level(5, 5, 0, 0));
    }

    @Test
    void receiptsWithOrWithoutAPurchaseOrderIdComeOffOnOrderOnceTheScheduleHasTheLine() {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(new SkuTerms(true, null, 2, 10, 0, List.of()), at(NOW));
        assertThat(book.onOrder()).isEqualTo(10);
        book.changeSupply(new SupplySchedule(List.of(new InboundLine("po-1", "l1", "s1", 10, 0,
                        List.of(new Supply.Inbound(NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3), 10)))),
                "s1", 3, 10, 1), Outcome.ChangeReason.REPLANNED, at(NOW));
        assertThat(book.onOrder()).isEqualTo(10);

        book.receive(6, "po-1", "l1", at(NOW));
        book.receive(3, null, null, at(NOW));

        assertThat(book.onOrder()).isEqualTo(1);
        assertThat(book.onHand()).isEqualTo(9);
    }

    @Test
    void movementIdsAreRememberedUpToTheBound() {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.remember("m-1", 2);
        book.remember("m-2", 2);
        book.remember("m-3", 2);

        assertThat(book.hasApplied("m-1")).isFalse();
        assertThat(book.hasApplied("m-3")).isTrue();
    }
}
