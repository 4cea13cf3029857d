package io.restock.backorder.plan;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.backorder.procurement.Offer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's netting and surplus rules, directly. */
class SkuPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    private final PlanContext ctx = new PlanContext(PromiseSettings.defaults(), T0, true, false, 100);

    private SkuPlan planWithOffer(final int target) {
        final SkuPlan plan = SkuPlan.empty("SKU-1");
        plan.policy(new Terms(1, false, target, null), ctx);
        plan.offer("S1", new Offer("S1", "SKU-1", 10, new BigDecimal("5"), "EUR", 20, 10, false, 1.0, true), ctx);
        return plan;
    }

    @Test
    void stockIsTheLevelInventoryStreamPublishedNotASumOfEvents() {
        final SkuPlan plan = planWithOffer(0);
        plan.level(10, 0, 0, ctx);
        plan.received("m1", 10, null, null, ctx);
        assertThat(plan.available()).as("a receipt is in the next level, not added here").isEqualTo(10);
        plan.level(7, 2, 3, ctx);
        assertThat(plan.available()).isEqualTo(7);
        assertThat(plan.backordered()).isEqualTo(2);
    }

    @Test
    void aSkuWithoutItsOwnMaximumWaitChoosesTheSupplierThatMeetsTheSharedDefault() {
        final SkuPlan plan = SkuPlan.empty("SKU-1");
        plan.policy(new Terms(1, false, 0, null), ctx);
        plan.offer("FAST", new Offer("FAST", "SKU-1", 5, new BigDecimal("9"), "EUR", 1, 1, false, 1.0, true), ctx);
        plan.offer("SLOW", new Offer("SLOW", "SKU-1", 60, new BigDecimal("1"), "EUR", 1, 1, false, 1.0, true), ctx);
        assertThat(plan.schedule(ctx).next().supplierId()).as("60 + 1 days > the 30-day default").isEqualTo("FAST");
        assertThat(plan.shortfall("a", 5, 1L, ctx)).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(
                Decision.Request.class, r -> assertThat(r.requirement().supplierId()).isEqualTo("FAST")));
    }

    @Test
    void theScheduleLeavesOutRejectedSuppliersAndCountsPlannedRequirementsAsOnOrder() {
        final SkuPlan plan = planWithOffer(0);
        plan.shortfall("a", 5, 3L, ctx);
        final SkuPlan.Schedule planned = plan.schedule(ctx);
        assertThat(planned.onOrder()).isEqualTo(5);
        assertThat(planned.appliedThrough()).isEqualTo(3);
        assertThat(planned.lines()).singleElement().satisfies(l -> {
            assertThat(l.purchaseOrderId()).isNull();
            assertThat(l.arrivals()).extracting(a -> a.expected()).containsExactly(DAY0.plusDays(10));
        });
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        plan.rejected("PO-S1-1", "SKU-1~1", ctx);
        final SkuPlan.Schedule after = plan.schedule(ctx);
        assertThat(after.next()).as("the only supplier rejected").isNull();
        assertThat(after.onOrder()).as("the need no supplier took still counts").isEqualTo(5);
        assertThat(after.lines()).isEmpty();
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
    }

    @Test
    void surplusAfterACancellationCancelsAnUnacknowledgedLineButNeverAnAcknowledgedOne() {
        final SkuPlan plan = planWithOffer(0);
        plan.level(0, 20, 0, ctx);
        plan.shortfall("a", 20, null, ctx);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        final List<Decision> out = plan.level(0, 0, 0, ctx);
        assertThat(out).contains(new Decision.CancelLine("PO-S1-1", "SKU-1~1", "S1"));

        final SkuPlan acked = planWithOffer(0);
        acked.level(0, 20, 0, ctx);
        acked.shortfall("a", 20, null, ctx);
        acked.lineIssued("PO-S1-1", "SKU-1~1", "S1", 20, DAY0.plusDays(10), ctx);
        acked.acknowledged("PO-S1-1", "SKU-1~1", 20, DAY0.plusDays(10), ctx);
        assertThat(acked.level(0, 0, 0, ctx))
                .noneMatch(d -> d instanceof Decision.CancelLine || d instanceof Decision.AmendLine);
    }

    @Test
    void partialSurplusLowersAnUnacknowledgedLineToWholePacksAboveTheMinimum() {
        final SkuPlan plan = planWithOffer(0);
        plan.level(0, 40, 0, ctx);
        plan.shortfall("a", 40, null, ctx);
        plan.lineIssued("PO-S1-1", "SKU-1~1", "S1", 40, DAY0.plusDays(10), ctx);
        // 25 of A's 30 leave: 15 remain wanted, the line goes to 20 (minimum 20, pack 10).
        assertThat(plan.level(0, 15, 0, ctx))
                .contains(new Decision.AmendLine("PO-S1-1", "SKU-1~1", "S1", 20));
    }

    private static List<Integer> requests(final List<Decision> decisions) {
        return decisions.stream().filter(d -> d instanceof Decision.Request)
                .map(d -> ((Decision.Request) d).requirement().quantity()).toList();
    }
}
