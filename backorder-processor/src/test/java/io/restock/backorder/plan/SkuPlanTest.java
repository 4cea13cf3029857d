package io.restock.backorder.plan;

import io.restock.allocation.rules.PriorityRule;
import io.restock.backorder.procurement.Offer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's netting and surplus rules, directly. */
class SkuPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    private final PlanContext ctx = new PlanContext(PriorityRule.FIFO, T0, ZoneOffset.UTC, true, false, 100);

    private SkuPlan planWithOffer(final int target) {
        final SkuPlan plan = SkuPlan.empty("SKU-1");
        plan.policy(new Terms(1, false, target, null), ctx);
        plan.offer("S1", new Offer("S1", "SKU-1", 10, new BigDecimal("5"), "EUR", 20, 10, false, 1.0, true), ctx);
        return plan;
    }

    @Test
    void aReceiptReadAfterTheStockLevelItCausedIsNotCountedTwice() {
        final SkuPlan plan = planWithOffer(0);
        // inventory-stream's level after the receipt (stamped with the receipt's record time) is read first.
        plan.level(10, ctx);
        plan.received("m1", 10, null, null, ctx);
        assertThat(plan.available()).isEqualTo(10);

        // A later receipt is not in that level: it counts.
        final PlanContext later = new PlanContext(PriorityRule.FIFO, T0.plusSeconds(1), ZoneOffset.UTC, true, false, 100);
        plan.received("m2", 5, null, null, later);
        plan.allocatedAtOrder("a1", 3, later);
        assertThat(plan.available()).isEqualTo(12);
    }

    @Test
    void theStartingLevelSurvivesTheStore() {
        final SkuPlan plan = planWithOffer(0);
        plan.level(10, ctx);
        final SkuPlan restored = io.restock.backorder.topology.SkuPlanCodec.fromState(
                io.restock.backorder.topology.SkuPlanCodec.toState(plan));
        restored.received("m1", 10, null, null, ctx);
        assertThat(restored.available()).isEqualTo(10);
    }

    @Test
    void onlyTheUncoveredPartOfAShortfallIsRequested() {
        final SkuPlan plan = planWithOffer(0);
        assertThat(requests(plan.shortfall("a", 5, null, ctx))).containsExactly(5);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        assertThat(requests(plan.shortfall("b", 10, null, ctx))).as("15 <= 20 on order").isEmpty();
        assertThat(requests(plan.shortfall("c", 10, null, ctx))).containsExactly(5);
        assertThat(requests(plan.shortfall("c", 10, null, ctx))).as("same event id").isEmpty();
    }

    @Test
    void aReceiptAgainstAPurchaseOrderLowersTheRequirementAndClosesTheLine() {
        final SkuPlan plan = planWithOffer(0);
        plan.shortfall("a", 5, null, ctx);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        plan.received("m1", 25, "PO-S1-1", "SKU-1~1", ctx);
        assertThat(plan.lines()).isEmpty();
        assertThat(plan.requirement()).isZero();
        assertThat(plan.available()).isEqualTo(25);
    }

    @Test
    void surplusAfterACancellationCancelsAnUnacknowledgedLineButNeverAnAcknowledgedOne() {
        final SkuPlan plan = planWithOffer(0);
        plan.opened("o1", "A", "1", T0, 0, BigDecimal.ZERO, 20, DAY0.plusDays(11), ctx);
        plan.shortfall("a", 20, null, ctx);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        final List<Decision> out = plan.cancelled("c1", "A", "1", 20, ctx);
        assertThat(out).contains(new Decision.CancelLine("PO-S1-1", "SKU-1~1", "S1"));

        final SkuPlan acked = planWithOffer(0);
        acked.opened("o1", "A", "1", T0, 0, BigDecimal.ZERO, 20, DAY0.plusDays(11), ctx);
        acked.shortfall("a", 20, null, ctx);
        acked.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        acked.acknowledged("PO-S1-1", "SKU-1~1", 20, DAY0.plusDays(10), ctx);
        assertThat(acked.cancelled("c1", "A", "1", 20, ctx))
                .noneMatch(d -> d instanceof Decision.CancelLine || d instanceof Decision.AmendLine);
    }

    @Test
    void partialSurplusLowersAnUnacknowledgedLineToWholePacksAboveTheMinimum() {
        final SkuPlan plan = planWithOffer(0);
        plan.opened("o1", "A", "1", T0, 0, BigDecimal.ZERO, 30, DAY0.plusDays(11), ctx);
        plan.opened("o2", "B", "1", T0.plusSeconds(1), 0, BigDecimal.ZERO, 10, DAY0.plusDays(11), ctx);
        plan.shortfall("a", 40, null, ctx);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 40, DAY0.plusDays(10), ctx);
        // 25 of A's 30 leave: 15 remain wanted, the line goes to 20 (minimum 20, pack 10).
        assertThat(plan.cancelled("c1", "A", "1", 25, ctx))
                .contains(new Decision.AmendLine("PO-S1-1", "SKU-1~1", "S1", 20));
    }

    private static List<Integer> requests(final List<Decision> decisions) {
        return decisions.stream().filter(d -> d instanceof Decision.Request)
                .map(d -> ((Decision.Request) d).requirement().quantity()).toList();
    }
}
