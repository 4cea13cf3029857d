package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancellation on the per-SKU book (rule 6: a line can be cancelled until it ships), plain JUnit. */
class SkuBookCancellationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private static SkuBook.Context at(final Instant now) {
        return new SkuBook.Context(PriorityRule.FIFO, now, ZoneOffset.UTC, 30, sku -> 0);
    }

    private static SkuBook stocked(final int onHand) {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(new SkuTerms(true, null, 0, 0, 1, List.of()), at(NOW));
        book.changeLeadTime("acme", 5);
        book.receive(onHand, false, at(NOW));
        return book;
    }

    @Test
    void theWaitingRemainderOfALineWhoseAllocatedPartShippedCanStillBeCancelled() {
        final SkuBook book = stocked(10);
        book.allocate(new LineRequest("o-1", "1", 15, BigDecimal.TEN, NOW, 0, null), at(NOW));
        book.ship("o-1", "1", 10, at(NOW));

        final List<Outcome> outcomes = book.cancel("o-1", "1", at(NOW.plusSeconds(60)));

        assertThat(outcomes).contains(new Outcome.BackorderCancelled("o-1", "1", 5));
        assertThat(outcomes).noneMatch(Outcome.Released.class::isInstance);
        assertThat(book.level().backordered()).isZero();
        assertThat(book.level().onHand()).isZero();
        assertThat(book.cancel("o-1", "1", at(NOW.plusSeconds(61)))).as("the line has left the book").isEmpty();
    }

    @Test
    void cancellingALinePartlyShippedReleasesOnlyItsUnshippedAllocation() {
        final SkuBook book = stocked(10);
        book.allocate(new LineRequest("o-1", "1", 10, BigDecimal.TEN, NOW, 0, null), at(NOW));
        book.ship("o-1", "1", 4, at(NOW));

        final List<Outcome> outcomes = book.cancel("o-1", "1", at(NOW.plusSeconds(60)));

        assertThat(outcomes).contains(new Outcome.Released("o-1", "1", 6));
        assertThat(book.level()).isEqualTo(new Level(6, 0, 0, 0));
    }
}
