package io.restock.backorder.plan;

import io.restock.allocation.rules.DateProjection;
import io.restock.allocation.rules.PriorityRule;
import io.restock.backorder.procurement.Offer;
import io.restock.inventory.allocation.LineRequest;
import io.restock.inventory.allocation.MemoryBooks;
import io.restock.inventory.allocation.Outcome;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
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
 * Rule 5's promise: the date projected for each backorder is the date inventory-stream actually
 * fills it. A random history of orders, cancellations and receipts is played through
 * inventory-stream's own {@link SkuBook}; its outcomes feed our {@link SkuPlan} the way its line
 * events would. Then purchase-order lines with random dates are known, the plan projects, and the
 * book receives exactly that supply on those dates (and the remainder at the supplier's lead time):
 * every backorder is filled on its projected date minus the handling days. Fixed seeds.
 */
class ProjectedDateIsFillDatePropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final int HANDLING = 2;
    private static final int LEAD = 21;

    static Stream<Object[]> seedsAndRules() {
        final List<Object[]> cases = new ArrayList<>();
        for (long seed = 1; seed <= 40; seed++) {
            cases.add(new Object[]{seed, PriorityRule.FIFO});
            cases.add(new Object[]{seed, PriorityRule.weighted(10, 0.01, 1)});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seedsAndRules")
    void projectedDatesAreTheDatesInventoryStreamFillsTheBackorders(final long seed, final PriorityRule rule) {
        final Random random = new Random(seed);
        final SkuBook book = MemoryBooks.empty("SKU-1");
        final SkuPlan plan = SkuPlan.empty("SKU-1");
        Instant now = T0;
        book.changeTerms(new SkuTerms(true, 365, -1_000_000, 0, HANDLING, List.of()), bookCtx(rule, now));
        book.changeLeadTime("S1", LEAD);
        plan.policy(new Terms(HANDLING, false, 0, null), planCtx(rule, now));
        plan.offer("S1", new Offer("S1", "SKU-1", LEAD, BigDecimal.ONE, "EUR", 1, 1, false, 1.0, true),
                planCtx(rule, now));

        // 1. A random history on day 0.
        final List<String> orders = new ArrayList<>();
        int movement = 0;
        for (int step = 0; step < 60; step++) {
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(5)));
            final int dice = random.nextInt(10);
            final List<Outcome> outcomes;
            if (dice < 6) {
                final String orderId = "O" + step;
                orders.add(orderId);
                outcomes = book.allocate(new LineRequest(orderId, "1", 1 + random.nextInt(8),
                        BigDecimal.valueOf(1 + random.nextInt(50)), now.minus(Duration.ofMinutes(random.nextInt(30))),
                        random.nextInt(4), null), bookCtx(rule, now));
            } else if (dice < 8 && !orders.isEmpty()) {
                outcomes = book.cancel(orders.get(random.nextInt(orders.size())), "1", bookCtx(rule, now));
            } else {
                final int units = 1 + random.nextInt(10);
                outcomes = book.receive(units, false, bookCtx(rule, now));
                plan.received("m" + ++movement, units, null, null, planCtx(rule, now));
            }
            mirror(outcomes, plan, rule, now, book);
        }

        // 2. Purchase-order lines the plan knows about, with random expected dates.
        final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        final Map<LocalDate, Integer> inbound = new LinkedHashMap<>();
        final int lineCount = random.nextInt(4);
        for (int i = 1; i <= lineCount; i++) {
            final LocalDate expected = today.plusDays(1 + random.nextInt(15));
            final int units = 1 + random.nextInt(20);
            plan.lineIssued("PO-" + i, "SKU-1~" + i, "S1", units, expected, planCtx(rule, now));
            inbound.merge(expected, units, Integer::sum);
        }
        final Map<String, LocalDate> projected = new LinkedHashMap<>();
        for (final DateProjection.Projected p : plan.projection(planCtx(rule, now))) {
            projected.put(p.claim().orderId(), p.date().orElseThrow());
        }
        assertThat(plan.waiting()).isEqualTo(book.backordered());

        // 3. The supply arrives as projected; inventory-stream fills in its own priority order.
        final Map<String, LocalDate> filled = new LinkedHashMap<>();
        final List<LocalDate> days = inbound.keySet().stream().sorted().toList();
        for (final LocalDate day : days) {
            final Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
            record(book.receive(inbound.get(day), true, bookCtx(rule, at)), day, filled);
        }
        if (book.backordered() > 0) {
            final LocalDate day = today.plusDays(LEAD);
            record(book.receive(book.backordered(), true, bookCtx(rule, day.atTime(9, 0).toInstant(ZoneOffset.UTC))),
                    day, filled);
        }

        assertThat(filled.keySet()).containsExactlyInAnyOrderElementsOf(projected.keySet());
        projected.forEach((orderId, date) -> assertThat(filled.get(orderId).plusDays(HANDLING))
                .as("order %s", orderId).isEqualTo(date));
    }

    /** Feeds the plan what inventory-stream's line events would say. */
    private static void mirror(final List<Outcome> outcomes, final SkuPlan plan, final PriorityRule rule,
                               final Instant now, final SkuBook book) {
        int i = 0;
        for (final Outcome outcome : outcomes) {
            final String id = now + "#" + i++;
            final PlanContext ctx = planCtx(rule, now);
            switch (outcome) {
                case Outcome.Allocated a -> plan.allocatedAtOrder(id, a.quantity(), ctx);
                case Outcome.Backordered b -> {
                    final var line = book.queue(rule, now).stream().filter(l -> l.orderId().equals(b.orderId())).findFirst()
                            .orElseThrow();
                    plan.opened(id, b.orderId(), b.lineId(), b.placedAt(), line.tierRank(), line.lineValue(),
                            b.quantity(), b.promisedDate(), ctx);
                }
                case Outcome.BackorderFilled f -> plan.filled(id, f.orderId(), f.lineId(), f.quantity(),
                        f.remainingBackordered(), ctx);
                case Outcome.BackorderCancelled c -> plan.cancelled(id, c.orderId(), c.lineId(), c.quantity(), ctx);
                case Outcome.Released r -> plan.released(id, r.quantity(), ctx);
                default -> {
                }
            }
        }
    }

    /** The day each backorder's last unit was filled. */
    private static void record(final List<Outcome> outcomes, final LocalDate day, final Map<String, LocalDate> filled) {
        for (final Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.BackorderFilled f && f.remainingBackordered() == 0) {
                filled.put(f.orderId(), day);
            }
        }
    }

    private static SkuBook.Context bookCtx(final PriorityRule rule, final Instant now) {
        return new SkuBook.Context(rule, now, ZoneOffset.UTC, 365, sku -> 0);
    }

    private static PlanContext planCtx(final PriorityRule rule, final Instant now) {
        return new PlanContext(rule, now, ZoneOffset.UTC, false, false, 10_000);
    }
}
