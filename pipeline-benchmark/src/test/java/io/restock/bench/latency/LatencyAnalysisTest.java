package io.restock.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.restock.bench.latency.Observations.Decision;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencyAnalysisTest {

    private static final long T0 = 1_700_000_000_000L;

    private static Observations.Order order(final String id, final long acceptedAt, final String... skus) {
        final List<Observations.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            lines.add(new Observations.Line(String.valueOf(i + 1), skus[i]));
        }
        return new Observations.Order(id, acceptedAt, lines, 200);
    }

    @Test
    void decisionLatencyRunsFromTheOrdersTimestampToWhenItsFirstDecisionWasVisible() {
        final Observations seen = new Observations();
        seen.order(order("r1-d1", T0, "A", "B"));
        seen.decision("r1-d1", "1", Decision.ALLOCATED, T0 + 120);
        seen.decision("r1-d1", "2", Decision.ALLOCATED, T0 + 180);
        // A later event on the same line (a fill, a release) is not its decision.
        seen.decision("r1-d1", "2", Decision.BACKORDERED, T0 + 5_000);

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> true);

        assertThat(result.linesDecided()).isEqualTo(2);
        assertThat(result.backordered()).isZero();
        assertThat(result.decision().count()).isEqualTo(2);
        assertThat(result.decision().p50()).isEqualTo(120);
        assertThat(result.decision().max()).isEqualTo(180);
    }

    /** Order r1-d1's one line, SKU A, backordered 100 ms after it was accepted; a purchase order for A before that. */
    private static Observations backorderAfterAPurchaseOrderForItsSku() {
        final Observations seen = new Observations();
        seen.order(order("r1-d1", T0, "A"));
        seen.decision("r1-d1", "1", Decision.BACKORDERED, T0 + 100);
        seen.purchaseOrder(new Observations.PurchaseOrder(T0 + 50, Set.of("A")));
        return seen;
    }

    @Test
    void aBackorderedLineIsMatchedToTheFirstPurchaseOrderForItsSkuVisibleAfterTheBackorder() {
        final Observations seen = backorderAfterAPurchaseOrderForItsSku();
        seen.purchaseOrder(new Observations.PurchaseOrder(T0 + 3_000, Set.of("B")));
        seen.purchaseOrder(new Observations.PurchaseOrder(T0 + 4_000, Set.of("A", "B")));
        seen.purchaseOrder(new Observations.PurchaseOrder(T0 + 9_000, Set.of("A")));

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> true);

        assertThat(result.withPurchaseOrder()).isEqualTo(1);
        assertThat(result.purchaseOrdersIssued()).isEqualTo(4);
        // HdrHistogram keeps three significant digits.
        assertThat(result.purchaseOrder().max()).isCloseTo(4_000, Percentage.withPercentage(0.1));
    }

    @Test
    void aBackorderWhoseSkuGetsNoLaterPurchaseOrderIsCountedAsNotMatched() {
        final Observations seen = backorderAfterAPurchaseOrderForItsSku();

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> true);

        assertThat(result.backordered()).isEqualTo(1);
        assertThat(result.withPurchaseOrder()).isZero();
        assertThat(result.purchaseOrder()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void notificationLatencyCountsBackorderedAndRejectedLinesTheNotificationNames() {
        final Observations seen = new Observations();
        seen.order(order("r1-d1", T0, "A", "B", "C"));
        seen.decision("r1-d1", "1", Decision.BACKORDERED, T0 + 100);
        seen.decision("r1-d1", "2", Decision.REJECTED, T0 + 100);
        seen.decision("r1-d1", "3", Decision.ALLOCATED, T0 + 100);
        seen.notification("r1-d1", new Observations.Notification(T0 + 2_500, List.of("1")));
        seen.notification("r1-d1", new Observations.Notification(T0 + 2_000, List.of("2", "3")));

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> true);

        assertThat(result.notified()).isEqualTo(2);
        assertThat(result.notification().count()).isEqualTo(2);
        assertThat(result.notification().p50()).isEqualTo(2_000);
        assertThat(result.notification().max()).isCloseTo(2_500, Percentage.withPercentage(0.1));
    }

    @Test
    void ordersOfOtherRunsAreLeftOut() {
        final Observations seen = new Observations();
        seen.order(order("r1-d1", T0, "A"));
        seen.order(order("r2-d1", T0, "A"));
        seen.decision("r1-d1", "1", Decision.ALLOCATED, T0 + 10);
        seen.decision("r2-d1", "1", Decision.ALLOCATED, T0 + 10);

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> id.startsWith("r2-"));

        assertThat(result.orders()).isEqualTo(1);
        assertThat(result.linesDecided()).isEqualTo(1);
    }

    @Test
    void ratesRunFromTheFirstOrderToTheLastOrderAndToTheLastDecision() {
        final Observations seen = new Observations();
        for (int i = 0; i <= 10; i++) {
            seen.order(order("r1-d" + i, T0 + i * 100L, "A", "B"));
            seen.decision("r1-d" + i, "1", Decision.ALLOCATED, T0 + i * 100L + 50);
            seen.decision("r1-d" + i, "2", Decision.ALLOCATED, T0 + i * 100L + 50);
        }
        // One line never decided: it counts as ordered, not decided.
        seen.order(order("r1-d11", T0 + 1_100, "C"));

        final LatencyAnalysis.Result result = LatencyAnalysis.analyse(seen, id -> true);

        assertThat(result.ordersPerSecond()).isEqualTo(11 / 1.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.lines()).isEqualTo(23);
        assertThat(result.linesDecided()).isEqualTo(22);
        assertThat(result.linesPerSecond()).isEqualTo(22 / 1.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.meanOrderBytes()).isEqualTo(200);
    }

    @Test
    void aLatencyBelowZeroFromTwoProcessesClocksCountsAsZero() {
        final Observations seen = new Observations();
        seen.order(order("r1-d1", T0, "A"));
        seen.decision("r1-d1", "1", Decision.ALLOCATED, T0 - 1);

        assertThat(LatencyAnalysis.analyse(seen, id -> true).decision().max()).isZero();
    }

    @Test
    void firstAtOrAfterFindsTheEarliestTimeNotBeforeTheGivenOne() {
        final long[] times = {10, 20, 20, 30};
        assertThat(LatencyAnalysis.firstAtOrAfter(times, 5)).isEqualTo(10);
        assertThat(LatencyAnalysis.firstAtOrAfter(times, 20)).isEqualTo(20);
        assertThat(LatencyAnalysis.firstAtOrAfter(times, 21)).isEqualTo(30);
        assertThat(LatencyAnalysis.firstAtOrAfter(times, 31)).isEqualTo(Long.MIN_VALUE);
        assertThat(LatencyAnalysis.firstAtOrAfter(null, 0)).isEqualTo(Long.MIN_VALUE);
    }
}
