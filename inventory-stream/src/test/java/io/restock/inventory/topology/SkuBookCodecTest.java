package io.restock.inventory.topology;

import io.restock.allocation.rules.PriorityRule;
import io.restock.inventory.allocation.LineRequest;
import io.restock.inventory.allocation.MemoryBooks;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.SkuTerms;
import io.restock.inventory.allocation.SupplySchedule;
import io.restock.inventory.allocation.Outcome;
import io.restock.allocation.rules.InboundLine;
import io.restock.allocation.rules.Supply;
import io.restock.inventory.internal.SkuState;
import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.serde.PrivateAvroSerde;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SKU writer keeps the headers it wrote decoded in memory ({@link HeaderCache}) and reads them
 * back from {@code sku-stock} only when that copy does not have them (a restore, a revived task, an
 * evicted entry). Both must decide the same, so a header read back from the store must equal the one
 * written, whatever the book went through.
 */
class SkuBookCodecTest {

    private static final PrivateAvroSerde<SkuState> SERDE = new PrivateAvroSerde<>(SkuState.class);

    @Test
    void aHeaderReadBackFromTheStoreEqualsTheOneTheWriterKeptInMemory() {
        for (final PriorityRule rule : List.of(PriorityRule.FIFO, PriorityRule.weighted(1, 1, 1))) {
            final Random random = new Random(20261122L);
            final SkuBook book = MemoryBooks.empty("sku-a");
            Instant now = Instant.parse("2026-11-22T08:00:00Z");
            for (int step = 0; step < 400; step++) {
                now = now.plus(Duration.ofMinutes(1 + random.nextInt(600)));
                final SkuBook.Context ctx = new SkuBook.Context(rule, now, ZoneOffset.UTC, 30, sku -> 3);
                try {
                    apply(book, random, ctx, step, now);
                } catch (final InvalidInputException rejected) {
                    // a rejected operation changes nothing; the header is still compared below
                }
                final SkuBook.Header written = book.header();
                final SkuBook.Header readBack = SkuBookCodec.fromState(
                        SERDE.deserialize("sku-stock", SERDE.serialize("sku-stock", SkuBookCodec.toState(written))));
                assertThat(readBack).as("step %d under %s", step, rule).isEqualTo(written);
            }
        }
    }

    private static void apply(final SkuBook book, final Random random, final SkuBook.Context ctx, final int step,
                              final Instant now) {
                switch (random.nextInt(8)) {
                    case 0 -> book.changeTerms(new SkuTerms(random.nextBoolean(),
                            random.nextBoolean() ? null : 1 + random.nextInt(40), random.nextInt(5),
                            random.nextInt(30), random.nextInt(3), List.of("sku-b", "sku-c")), ctx);
                    case 1 -> book.changeLeadTime("supplier-" + random.nextInt(3),
                            random.nextBoolean() ? null : 1 + random.nextInt(20));
                    case 2 -> book.changeSupply(random.nextBoolean() ? null : new SupplySchedule(List.of(
                            new InboundLine("po-" + step, "l1", "s1", 5 + random.nextInt(20), random.nextInt(5),
                                    List.of(new Supply.Inbound(LocalDate.ofInstant(now, ZoneOffset.UTC)
                                            .plusDays(random.nextInt(20)), 30)))), "s1", 1 + random.nextInt(9),
                            random.nextInt(30), random.nextInt(3)), Outcome.ChangeReason.REPLANNED, ctx);
                    case 3 -> book.receive(1 + random.nextInt(8), random.nextBoolean(), ctx);
                    case 4 -> book.cancel("o-" + random.nextInt(Math.max(1, step)), "1", ctx);
                    default -> book.allocate(new LineRequest("o-" + step, "1", 1 + random.nextInt(5),
                            BigDecimal.valueOf(random.nextInt(5000), 2), now.minusSeconds(random.nextInt(7200)),
                            random.nextInt(3), random.nextBoolean() ? null : 1 + random.nextInt(30)), ctx);
                }
    }
}
