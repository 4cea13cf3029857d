package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;
import io.restock.schemas.deadletter.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restock.inventory.allocation.SkuBookFixtures.NOW;
import static io.restock.inventory.allocation.SkuBookFixtures.at;
import static io.restock.inventory.allocation.SkuBookFixtures.line;
import static io.restock.inventory.allocation.SkuBookFixtures.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A warehouse shipment is a physical fact (the units left the shelf): the book accepts a shipment of an open line up to
 * the units the line still wants (allocated + backordered) and never more than on hand. Units beyond the line's
 * allocation ship from its backorder and come off on hand, where the lowest-priority holders give back what on hand no
 * longer covers ({@code SkuBook.ship}, DOMAIN.md rule 6). Plain JUnit.
 */
class SkuBookShipmentTest {

    /**
     * 10 in stock: o-1 takes 6, o-2 takes 4, o-3 waits for 5. o-1 cancels and its 6 go to o-3 (5); the warehouse ships
     * o-1's 6 anyway, so o-3's 5 go back to backorder (its request revoked). Left: 4 on hand, all o-2's; o-3 waits for 5.
     */
    private static SkuBook o3TakenBack() {
        final SkuBook book = stocked(10);
        book.allocate(line("o-1", 6, NOW.plusSeconds(1)), at(NOW.plusSeconds(1)));
        book.allocate(line("o-2", 4, NOW.plusSeconds(2)), at(NOW.plusSeconds(2)));
        book.allocate(line("o-3", 5, NOW.plusSeconds(3)), at(NOW.plusSeconds(3)));
        book.cancel("o-1", "1", at(NOW.plusSeconds(10)));
        final List<Outcome> returned = book.shipWithdrawn(6, at(NOW.plusSeconds(20)));
        assertThat(returned).filteredOn(Outcome.Backordered.class::isInstance)
                .extracting(o -> ((Outcome.Backordered) o).orderId() + ":" + ((Outcome.Backordered) o).quantity())
                .containsExactly("o-3:5");
        assertThat(book.level()).isEqualTo(new Level(4, 4, 5, book.onOrder()));
        return book;
    }

    private static List<String> returnedToBackorder(final List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome.Backordered.class::isInstance).map(Outcome.Backordered.class::cast)
                .map(b -> b.orderId() + ":" + b.quantity()).toList();
    }

    @Test
    void aShipmentOfUnitsTakenBackFromTheLineIsAcceptedAndTheLineWaitsForFewer() {
        final SkuBook book = o3TakenBack();
        final int onOrder = book.onOrder();

        // The warehouse had picked o-3's request before it was revoked: 3 of its units left the shelf.
        final List<Outcome> outcomes = book.ship("o-3", "1", 3, at(NOW.plusSeconds(30)));

        assertThat(outcomes).contains(new Outcome.ShippedFromBackorder("o-3", "1", 3, 2));
        assertThat(returnedToBackorder(outcomes)).as("on hand 1 no longer covers o-2's 4: o-2 gives 3 back")
                .containsExactly("o-2:3");
        assertThat(book.level()).as("on hand 4 - 3; o-2 keeps 1; o-3 waits for 2 and o-2 for 3")
                .isEqualTo(new Level(1, 1, 5, onOrder));
        assertThat(book.queue(PriorityRule.FIFO, NOW.plusSeconds(30)))
                .extracting(l -> l.orderId() + ":" + l.backordered() + "/" + l.allocated())
                .containsExactly("o-2:3/1", "o-3:2/0");
        assertThat(outcomes).as("the shipment changes no inventory position: nothing more to buy")
                .noneMatch(Outcome.ShortfallRaised.class::isInstance);

        // The next receipt serves the queue in priority order again.
        final List<Outcome> filled = book.receive(5, false, at(NOW.plusSeconds(40)));
        assertThat(filled).filteredOn(Outcome.BackorderFilled.class::isInstance)
                .containsExactly(new Outcome.BackorderFilled("o-2", "1", 3, 0), new Outcome.BackorderFilled("o-3", "1", 2, 0));
        assertThat(book.level().backordered()).isZero();
    }

    @Test
    void theUnitsOfAShipmentFromBackorderAreReturnedByTheLowestPriorityHoldersFirst() {
        // 6 in stock: o-1 takes 3, o-2 takes 2, o-4 takes 1; o-5 waits for 4.
        final SkuBook book = stocked(6);
        book.allocate(line("o-1", 3, NOW.plusSeconds(1)), at(NOW.plusSeconds(1)));
        book.allocate(line("o-2", 2, NOW.plusSeconds(2)), at(NOW.plusSeconds(2)));
        book.allocate(line("o-4", 1, NOW.plusSeconds(4)), at(NOW.plusSeconds(4)));
        book.allocate(line("o-5", 4, NOW.plusSeconds(5)), at(NOW.plusSeconds(5)));
        assertThat(book.level().backordered()).isEqualTo(4);

        // o-5's shipment request had been revoked after the warehouse picked 3 units: they left the shelf.
        final List<Outcome> outcomes = book.ship("o-5", "1", 3, at(NOW.plusSeconds(30)));

        assertThat(outcomes).contains(new Outcome.ShippedFromBackorder("o-5", "1", 3, 1));
        assertThat(returnedToBackorder(outcomes)).as("o-4 (last placed) first, then o-2").containsExactly("o-4:1", "o-2:2");
        assertThat(book.level().onHand()).isEqualTo(3);
        assertThat(book.level().allocated()).as("o-1 keeps its 3").isEqualTo(3);
        assertThat(book.level().backordered()).as("o-5's 1, o-4's 1, o-2's 2").isEqualTo(4);
    }

    @Test
    void aShipmentFromBackorderComesOffAvailableStockFirst() {
        // A line can wait while units are available only briefly (e.g. a drop-ship line the supplier rejected joins
        // the queue before the next fill): o-1 waits for 3 while 2 of the 5 on hand are free; o-2 holds 3.
        final LocalDate day = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(6);
        final SkuBook.Header header = new SkuBook.Header("sku-a", new SkuTerms(true, null, 0, 0, 1, List.of()), 5, 3, 0,
                3, 2, 1, Map.of(day, 1), Map.of("acme", 5), null, 0, null, Map.of(), Map.of(), 0);
        final SkuBook book = MemoryBooks.of(header, List.of(
                new BookLine("o-1", "1", NOW, 0, BigDecimal.TEN, 3, 0, 3, 0, day),
                new BookLine("o-2", "1", NOW.plusSeconds(1), 0, BigDecimal.TEN, 3, 3, 0, 0, null)), List.of());

        final List<Outcome> twoFromAvailable = book.ship("o-1", "1", 2, at(NOW.plusSeconds(30)));

        assertThat(twoFromAvailable).contains(new Outcome.ShippedFromBackorder("o-1", "1", 2, 1));
        assertThat(returnedToBackorder(twoFromAvailable)).as("3 on hand still cover o-2's 3").isEmpty();
        assertThat(book.level()).isEqualTo(new Level(3, 3, 1, book.onOrder()));

        final List<Outcome> lastOne = book.ship("o-1", "1", 1, at(NOW.plusSeconds(31)));

        assertThat(lastOne).contains(new Outcome.ShippedFromBackorder("o-1", "1", 1, 0));
        assertThat(returnedToBackorder(lastOne)).as("nothing available any more: o-2 gives 1 back").containsExactly("o-2:1");
        assertThat(book.level()).isEqualTo(new Level(2, 2, 1, book.onOrder()));
    }

    @Test
    void aShipmentBeyondTheLinesOpenQuantityIsRefused() {
        final SkuBook book = stocked(10);
        book.allocate(line("o-1", 15, NOW), at(NOW));
        final Level before = book.level();

        assertThatThrownBy(() -> book.ship("o-1", "1", 16, at(NOW.plusSeconds(1))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).reason()).isEqualTo("SHIPMENT_EXCEEDS_LINE"))
                .hasMessageContaining("10 units allocated and 5 backordered, 16 shipped");

        assertThat(book.level()).isEqualTo(before);
    }

    @Test
    void aShipmentBeyondOnHandIsRefusedBecauseTheCountIsWrong() {
        final SkuBook book = stocked(10);
        book.allocate(line("o-1", 15, NOW), at(NOW));
        final Level before = book.level();

        // the line wants 15, but only 10 are on hand: the book's count is wrong, an operator corrects it first
        assertThatThrownBy(() -> book.ship("o-1", "1", 11, at(NOW.plusSeconds(1))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).reason()).isEqualTo("SHIPMENT_EXCEEDS_ON_HAND"));

        assertThat(book.level()).isEqualTo(before);
    }

    @Test
    void anUnknownLineOrANonPositiveQuantityIsRefused() {
        final SkuBook book = stocked(10);
        book.allocate(line("o-1", 4, NOW), at(NOW));

        assertThatThrownBy(() -> book.ship("o-9", "1", 1, at(NOW)))
                .satisfies(e -> assertThat(((InvalidInputException) e).reason()).isEqualTo("UNKNOWN_LINE"));
        assertThatThrownBy(() -> book.ship("o-1", "1", 0, at(NOW)))
                .satisfies(e -> assertThat(((InvalidInputException) e).reason()).isEqualTo("INVALID_QUANTITY"));
        assertThat(book.level()).isEqualTo(new Level(10, 4, 0, 0));
    }

    @Test
    void aShipmentOfAllocatedUnitsOnlyChangesNothingButTheLineAndOnHand() {
        final SkuBook book = stocked(10);
        book.allocate(line("o-1", 15, NOW), at(NOW));
        final int onOrder = book.onOrder();

        final List<Outcome> outcomes = book.ship("o-1", "1", 10, at(NOW.plusSeconds(1)));

        assertThat(outcomes).noneMatch(o -> o instanceof Outcome.ShippedFromBackorder || o instanceof Outcome.Backordered);
        assertThat(book.level()).isEqualTo(new Level(0, 0, 5, onOrder));
    }
}
