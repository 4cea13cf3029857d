package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;
import org.junit.jupiter.api.Test;

import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.Supply;
import io.restock.schemas.deadletter.InvalidInputException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.restock.inventory.allocation.SkuBookFixtures.NOW;
import static io.restock.inventory.allocation.SkuBookFixtures.at;
import static io.restock.inventory.allocation.SkuBookFixtures.line;
import static io.restock.inventory.allocation.SkuBookFixtures.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-SKU book on its own, plain JUnit. */
class SkuBookTest {

    private static final SkuTerms TERMS = new SkuTerms(true, null, 0, 0, 1, List.of());

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

    // ---- dates: each line's own, final at acceptance (issue 12), and the quote that shows them in advance

    private static final LocalDate TODAY = NOW.atZone(ZoneOffset.UTC).toLocalDate();

    /** A schedule of purchase-order lines {@code po-<n>} of {@code units[n]} units arriving {@code days[n]} days from today. */
    private static SupplySchedule schedule(final String nextSupplier, final int nextLead, final int[] units,
                                           final int[] days) {
        final List<InboundLine> lines = new java.util.ArrayList<>();
        int onOrder = 0;
        for (int i = 0; i < units.length; i++) {
            lines.add(new InboundLine("po-" + i, "1", "acme", units[i], 0,
                    List.of(new Supply.Inbound(TODAY.plusDays(days[i]), units[i]))));
            onOrder += units[i];
        }
        return new SupplySchedule(List.copyOf(lines), nextSupplier, nextLead, onOrder, 0);
    }

    private static LocalDate dateOf(final List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome.Backordered.class::isInstance).map(Outcome.Backordered.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no backorder in " + outcomes)).promisedDate();
    }

    // Issue 12, finding 1: a SKU-wide one-unit promise dated every line alike, whatever its quantity and place.
    @Test
    void aLinesDateIsForItsOwnQuantityAtItsOwnPlaceNotOneUnit() {
        final SkuBook book = stocked(0);
        book.changeSupply(schedule("acme", 10, new int[] {3, 5}, new int[] {2, 6}), Outcome.ChangeReason.REPLANNED,
                at(NOW));

        // 2 units: both from the 3 arriving on day 2; handling 1 day.
        final LocalDate first = dateOf(book.allocate(line("o-1", 2, NOW), at(NOW)));
        // 4 units a second later: 1 left of day 2's, 3 of day 6's.
        final LocalDate second = dateOf(book.allocate(line("o-2", 4, NOW.plusSeconds(1)), at(NOW.plusSeconds(1))));
        // 5 more: 2 left of day 6's, then 3 from the next order (10 days).
        final LocalDate third = dateOf(book.allocate(line("o-3", 5, NOW.plusSeconds(2)), at(NOW.plusSeconds(2))));

        assertThat(first).isEqualTo(TODAY.plusDays(3));
        assertThat(second).isEqualTo(TODAY.plusDays(7));
        assertThat(third).isEqualTo(TODAY.plusDays(11));
    }

    // Issue 12, finding 11: the seed's 5 short units were promised "tomorrow" and the second order got B's lead
    // time while the purchase order went to A; a REPLANNED change corrected both a second later.
    @Test
    void theSeedExampleDatesEachBackorderFinallyAtAcceptance() {
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(TERMS, at(NOW));
        book.changeLeadTime("supplier-a", 5);
        book.changeLeadTime("supplier-b", 10);
        book.receive(10, false, at(NOW));

        final List<Outcome> firstOrder = book.allocate(line("o-1", 15, NOW), at(NOW));
        assertThat(firstOrder).contains(new Outcome.Allocated("o-1", "1", 10, 15));
        assertThat(dateOf(firstOrder)).isEqualTo(TODAY.plusDays(5 + 1));

        // backorder-processor orders 20 from A (MOQ 20, pack 10) for day 5; B, cheaper, would get new demand now.
        final List<Outcome> scheduled = book.changeSupply(new SupplySchedule(List.of(new InboundLine("PO-a-1", "1",
                        "supplier-a", 20, 0, List.of(new Supply.Inbound(TODAY.plusDays(5), 20)))), "supplier-b", 10,
                20, 1), Outcome.ChangeReason.REPLANNED, at(NOW.plusSeconds(1)));
        assertThat(scheduled).noneMatch(Outcome.DateChanged.class::isInstance);

        final List<Outcome> secondOrder = book.allocate(line("o-2", 5, NOW.plusSeconds(2)), at(NOW.plusSeconds(2)));
        assertThat(dateOf(secondOrder)).isEqualTo(TODAY.plusDays(5 + 1)).isNotEqualTo(TODAY.plusDays(10 + 1));
    }

    // Issue 12, finding 12: backorder-processor re-dated lines a receipt had just filled (STOCK_RECEIVED).
    @Test
    void aFilledLineGetsNoDateChange() {
        final SkuBook book = stocked(0);
        book.changeSupply(schedule("acme", 5, new int[] {10}, new int[] {3}), Outcome.ChangeReason.REPLANNED, at(NOW));
        book.allocate(line("o-1", 4, NOW), at(NOW));
        book.allocate(line("o-2", 3, NOW.plusSeconds(1)), at(NOW.plusSeconds(1)));
        book.allocate(line("o-3", 5, NOW.plusSeconds(2)), at(NOW.plusSeconds(2)));

        // 7 of the 10 arrive early, on day 1: o-1 and o-2 are filled, o-3 still waits for the rest.
        final Instant dayOne = NOW.plus(Duration.ofDays(1));
        final List<Outcome> received = book.receive(7, "po-0", "1", at(dayOne));
        final List<Outcome> rescheduled = book.changeSupply(new SupplySchedule(List.of(new InboundLine("po-0", "1",
                        "acme", 10, 7, List.of(new Supply.Inbound(TODAY.plusDays(1), 7),
                                new Supply.Inbound(TODAY.plusDays(8), 3)))), "acme", 5, 3, 0),
                Outcome.ChangeReason.STOCK_RECEIVED, at(dayOne));

        assertThat(received).filteredOn(Outcome.BackorderFilled.class::isInstance)
                .extracting(o -> ((Outcome.BackorderFilled) o).orderId()).containsExactly("o-1", "o-2");
        final List<Outcome> after = new java.util.ArrayList<>(received);
        after.addAll(rescheduled);
        // o-3, still waiting, moves with the new day; the filled lines are never re-dated.
        assertThat(after).filteredOn(Outcome.DateChanged.class::isInstance)
                .extracting(o -> ((Outcome.DateChanged) o).orderId()).contains("o-3").doesNotContain("o-1", "o-2");
    }

    @Test
    void theQuoteDatesOnlyTheUnitsStockCannotCoverAsAcceptanceDoes() {
        final SkuBook book = stocked(4);
        book.changeSupply(schedule("acme", 7, new int[] {6}, new int[] {3}), Outcome.ChangeReason.REPLANNED, at(NOW));

        final SkuBook.Availability quoted = book.availability(5, null, at(NOW));
        final List<Outcome> accepted = book.allocate(line("o-1", 5, NOW), at(NOW));

        assertThat(quoted).isEqualTo(new SkuBook.Availability(4, 1, TODAY.plusDays(4), null, null, List.of()));
        assertThat(dateOf(accepted)).isEqualTo(quoted.date());
        assertThat(book.level()).isEqualTo(new Level(4, 4, 1, book.onOrder()));
    }

    @Test
    void theQuoteChangesNothingAndUnderWeightedRanksTheLineByItsTierAndValue() {
        final SkuBook book = stocked(0);
        book.changeSupply(schedule("acme", 20, new int[] {2}, new int[] {3}), Outcome.ChangeReason.REPLANNED, at(NOW));
        final SkuBook.Context weighted = new SkuBook.Context(PriorityRule.weighted(100, 0, 0), NOW, ZoneOffset.UTC,
                30, sku -> 0);
        book.allocate(new LineRequest("o-1", "1", 2, BigDecimal.TEN, NOW, 0, null), weighted);
        final SkuBook.Header before = book.header();

        // A STANDARD customer waits behind o-1 for the next order; a PLATINUM one (rank 3) goes first.
        final SkuBook.Availability standard = book.availability(2, null, 0, BigDecimal.TEN, weighted);
        final SkuBook.Availability platinum = book.availability(2, null, 3, BigDecimal.TEN, weighted);
        final SkuBook.Header afterQuotes = book.header();
        final LocalDate accepted = dateOf(book.allocate(new LineRequest("o-2", "1", 2, BigDecimal.TEN,
                NOW.plusSeconds(1), 3, null), weighted));

        assertThat(standard.date()).isEqualTo(TODAY.plusDays(21));
        assertThat(platinum.date()).isEqualTo(TODAY.plusDays(4));
        assertThat(accepted).isEqualTo(platinum.date());
        assertThat(afterQuotes).isEqualTo(before);
    }
}
