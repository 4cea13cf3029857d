package io.restock.inventory.allocation;

import io.restock.allocation.rules.PriorityRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new backorder's queue position is its place in the queue the priority rule ranks at that moment,
 * whether the book finds it from its tail bound (O(1)) or by ranking the queue: over random lines
 * (out-of-order placement times, all tiers, any value, stream time that sometimes steps back),
 * cancellations and receipts, under FIFO and weighted rules.
 */
class QueuePositionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static Stream<PriorityRule> rules() {
        return Stream.of(PriorityRule.FIFO, PriorityRule.weighted(10, 0.01, 5), PriorityRule.weighted(10, 0, 1),
                PriorityRule.weighted(0, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aNewBackordersPositionIsItsRankInTheQueueAtThatMoment(final PriorityRule rule) {
        final Random random = new Random(7);
        final SkuBook book = MemoryBooks.empty("sku-a");
        book.changeTerms(new SkuTerms(true, 3650, 0, 0, 1, List.of()), context(rule, T0));
        book.changeLeadTime("acme", 5);
        Instant now = T0;
        int fastOrSlow = 0;
        for (int i = 0; i < 400; i++) {
            now = now.plus(Duration.ofMinutes(random.nextInt(600) - 60)); // mostly forwards, sometimes back
            final SkuBook.Context context = context(rule, now);
            final int dice = random.nextInt(10);
            if (dice < 7) {
                final Instant placedAt = now.minus(Duration.ofMinutes(random.nextInt(10) < 8 ? 0 : random.nextInt(5000)));
                final String orderId = "o-" + i;
                final List<Outcome> outcomes = book.allocate(new LineRequest(orderId, "1", 1 + random.nextInt(5),
                        new BigDecimal(random.nextInt(200) + ".50"), placedAt, random.nextInt(4), null), context);
                for (final Outcome o : outcomes) {
                    if (o instanceof Outcome.Backordered b) {
                        final List<String> ranked = book.queue(rule, now).stream().map(BookLine::orderId).toList();
                        assertThat(b.queuePosition()).as("position of %s at step %d", orderId, i)
                                .isEqualTo(ranked.indexOf(orderId) + 1);
                        fastOrSlow++;
                    }
                }
            } else if (dice < 9) {
                final List<BookLine> waiting = book.queue(rule, now);
                if (!waiting.isEmpty()) {
                    final BookLine line = waiting.get(random.nextInt(waiting.size()));
                    book.cancel(line.orderId(), line.lineId(), context);
                }
            } else {
                book.receive(1 + random.nextInt(6), false, context);
            }
        }
        assertThat(fastOrSlow).isGreaterThan(100);
    }

    private static SkuBook.Context context(final PriorityRule rule, final Instant now) {
        return new SkuBook.Context(rule, now, ZoneOffset.UTC, 30, sku -> 0);
    }
}
