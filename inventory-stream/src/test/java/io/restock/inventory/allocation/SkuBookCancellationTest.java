package io.restock.inventory.allocation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restock.inventory.allocation.SkuBookFixtures.NOW;
import static io.restock.inventory.allocation.SkuBookFixtures.at;
import static io.restock.inventory.allocation.SkuBookFixtures.stocked;
import static org.assertj.core.api.Assertions.assertThat;

/** Cancellation on the per-SKU book (rule 6: a line can be cancelled until it ships), plain JUnit. */
class SkuBookCancellationTest {


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
