package io.restock.endtoend;

import io.restock.allocation.rules.DateProjection;
import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.PriorityRule;
import io.restock.allocation.rules.Supply;
import io.restock.inventory.allocation.LineRequest;
import io.restock.inventory.allocation.MemoryBooks;
import io.restock.inventory.allocation.Outcome;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
import io.restock.inventory.allocation.SupplySchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 5's promise, now kept by one owner: the date inventory-stream's book holds for each backorder
 * (from the supply schedule, re-projected on every change) is the date it actually fills it. A random
 * history of orders, cancellations and receipts is played through {@link SkuBook}; then a schedule
 * with purchase-order lines on random dates arrives, and the book receives exactly that supply on
 * those dates (and the remainder at the next supplier's lead time): every backorder is filled on its
 * date minus the handling days. Fixed seeds.
 */
class ProjectedDateIsFillDatePropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final int HANDLING = 2;
    private static final int LEAD = 21;

    static Stream<Object[]> seedsAndRules() {
        final List<Object[]> cases = new ArrayList<>();
        for (long seed = 1; seed <= 40; seed++) {
            cases.add(new Object[]{seed, PriorityRule.FIFO});
            cases.add(new Object[]{seed, PriorityRule.weighted(10, 0.01, 5)});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seedsAndRules")
    void theDateTheBookHoldsForEachBackorderIsTheDateItIsFilled(final long seed, final PriorityRule rule) {
        final Random random = new Random(seed);
        final SkuBook book = MemoryBooks.empty("SKU-1");
        Instant now = T0;
        book.changeTerms(new SkuTerms(true, 365, -1_000_000, 0, HANDLING, List.of()), ctx(rule, now));
        book.changeSupply(new SupplySchedule(List.of(), "S1", LEAD, 0, 0), Outcome.ChangeReason.REPLANNED,
                ctx(rule, now));

        final List<String> orders = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(5)));
            final int dice = random.nextInt(10);
            if (dice < 6) {
                final String orderId = "O" + step;
                orders.add(orderId);
                book.allocate(new LineRequest(orderId, "1", 1 + random.nextInt(8),
                        BigDecimal.valueOf(1 + random.nextInt(50)), now.minus(Duration.ofMinutes(random.nextInt(30))),
                        random.nextInt(4), null), ctx(rule, now));
            } else if (dice < 8 && !orders.isEmpty()) {
                book.cancel(orders.get(random.nextInt(orders.size())), "1", ctx(rule, now));
            } else {
                book.receive(1 + random.nextInt(10), null, null, ctx(rule, now));
            }
        }

        final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        final List<InboundLine> lines = new ArrayList<>();
        final int lineCount = random.nextInt(4);
        for (int i = 1; i <= lineCount; i++) {
            final LocalDate expected = today.plusDays(1 + random.nextInt(15));
            final int units = 1 + random.nextInt(20);
            lines.add(new InboundLine("PO-" + i, "1", "S1", units, 0, List.of(new Supply.Inbound(expected, units))));
        }
        book.changeSupply(new SupplySchedule(lines, "S1", LEAD, 0, 0), Outcome.ChangeReason.REPLANNED, ctx(rule, now));
        final Map<String, LocalDate> promised = new LinkedHashMap<>();
        for (final DateProjection.Projected p : book.projection(ctx(rule, now))) {
            promised.put(p.claim().orderId(), p.date().orElseThrow());
        }
        book.queue(rule, now).forEach(l -> assertThat(l.promisedDate()).as("the stored date of %s", l.orderId())
                .isEqualTo(promised.get(l.orderId())));

        final Map<String, LocalDate> filled = new LinkedHashMap<>();
        final List<InboundLine> byDate = lines.stream()
                .sorted(java.util.Comparator.comparing(l -> l.arrivals().getFirst().expected())).toList();
        for (final InboundLine l : byDate) {
            final LocalDate day = l.arrivals().getFirst().expected();
            record(book.receive(l.expectedQuantity(), l.purchaseOrderId(), l.lineId(),
                    ctx(rule, day.atTime(9, 0).toInstant(ZoneOffset.UTC))), day, filled);
        }
        if (book.backordered() > 0) {
            final LocalDate day = today.plusDays(LEAD);
            record(book.receive(book.backordered(), null, null, ctx(rule, day.atTime(9, 0).toInstant(ZoneOffset.UTC))),
                    day, filled);
        }

        assertThat(filled.keySet()).containsExactlyInAnyOrderElementsOf(promised.keySet());
        promised.forEach((orderId, date) -> assertThat(filled.get(orderId).plusDays(HANDLING))
                .as("order %s", orderId).isEqualTo(date));
    }

    /** The day each backorder's last unit was filled. */
    private static void record(final List<Outcome> outcomes, final LocalDate day, final Map<String, LocalDate> filled) {
        for (final Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.BackorderFilled f && f.remainingBackordered() == 0) {
                filled.put(f.orderId(), day);
            }
        }
    }

    private static SkuBook.Context ctx(final PriorityRule rule, final Instant now) {
        return new SkuBook.Context(rule, now, ZoneOffset.UTC, 365, sku -> 0);
    }
}
