package io.restock.allocation.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class DateProjectionTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    private static Claim claim(final String order, final int minutesAfter, final int tier, final int quantity) {
        return new Claim(order, "1", NOW.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(minutesAfter)), tier,
                BigDecimal.TEN, quantity);
    }

    @Test
    void walksBackordersInPriorityOrderAgainstStockThenInboundThenLeadTime() {
        final Supply supply = new Supply(3, List.of(
                new Supply.Inbound(TODAY.plusDays(10), 5),
                new Supply.Inbound(TODAY.plusDays(4), 4)), OptionalInt.of(30), 2);
        final List<Claim> claims = List.of(claim("o-c", 3, 0, 6), claim("o-a", 1, 0, 3), claim("o-b", 2, 0, 4),
                claim("o-d", 4, 0, 1));

        final List<DateProjection.Projected> projected = new DateProjection(PriorityRule.FIFO)
                .project(claims, supply, TODAY, NOW);

        assertThat(projected).extracting(p -> p.claim().orderId()).containsExactly("o-a", "o-b", "o-c", "o-d");
        assertThat(projected).extracting(DateProjection.Projected::queuePosition).containsExactly(1, 2, 3, 4);
        assertThat(projected).extracting(DateProjection.Projected::date).containsExactly(
                Optional.of(TODAY.plusDays(2)),    // 3 from stock
                Optional.of(TODAY.plusDays(6)),    // 4 inbound on day 4
                Optional.of(TODAY.plusDays(32)),   // 5 on day 10 is not enough for 6: new supply
                Optional.of(TODAY.plusDays(32)));  // nothing left but new supply
    }

    @Test
    void theSameRuleDrivesProjectionAsAllocation() {
        final PriorityRule rule = PriorityRule.weighted(10, 0, 1);
        final Supply supply = new Supply(2, List.of(), OptionalInt.of(14), 0);
        final List<Claim> claims = List.of(claim("o-std", 1, 0, 2), claim("o-gold", 2, 2, 2));

        final List<DateProjection.Projected> projected = new DateProjection(rule).project(claims, supply, TODAY, NOW);

        assertThat(projected.getFirst().claim().orderId()).isEqualTo("o-gold");
        assertThat(projected.getFirst().date()).contains(TODAY);
        assertThat(projected.get(1).date()).contains(TODAY.plusDays(14));
    }

    @Test
    void aClaimNoSupplyCoversHasNoDate() {
        final Supply supply = new Supply(1, List.of(new Supply.Inbound(TODAY.plusDays(3), 1)), OptionalInt.empty(), 1);

        final List<DateProjection.Projected> projected = new DateProjection(PriorityRule.FIFO)
                .project(List.of(claim("o-a", 1, 0, 2), claim("o-b", 2, 0, 1)), supply, TODAY, NOW);

        assertThat(projected.get(0).date()).contains(TODAY.plusDays(4));
        assertThat(projected.get(1).date()).isEmpty();
    }

    @Test
    void newDemandQueuesBehindEveryWaitingClaim() {
        final Supply supply = new Supply(0, List.of(new Supply.Inbound(TODAY.plusDays(5), 10)), OptionalInt.of(20), 1);
        final DateProjection projection = new DateProjection(PriorityRule.FIFO);

        assertThat(projection.forNewDemand(List.of(claim("o-a", 1, 0, 8)), 2, supply, TODAY, NOW))
                .contains(TODAY.plusDays(6));
        assertThat(projection.forNewDemand(List.of(claim("o-a", 1, 0, 8)), 3, supply, TODAY, NOW))
                .contains(TODAY.plusDays(21));
    }

    @Test
    void overdueInboundCountsFromToday() {
        final Supply supply = new Supply(0, List.of(new Supply.Inbound(TODAY.minusDays(2), 5)), OptionalInt.empty(), 0);

        assertThat(new DateProjection(PriorityRule.FIFO).forNewDemand(List.of(), 5, supply, TODAY, NOW)).contains(TODAY);
    }
}
