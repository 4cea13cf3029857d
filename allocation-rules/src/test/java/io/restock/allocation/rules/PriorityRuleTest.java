package io.restock.allocation.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriorityRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static Claim claim(final String order, final String line, final Instant placedAt, final int tier,
                               final String value) {
        return new Claim(order, line, placedAt, tier, new BigDecimal(value), 1);
    }

    private static List<String> ids(final List<Claim> claims) {
        return claims.stream().map(c -> c.orderId() + "/" + c.lineId()).toList();
    }

    @Test
    void fifoServesFirstPlacedFirstAndBreaksTiesByOrderIdThenLineId() {
        final List<Claim> claims = List.of(
                claim("o-2", "l-1", T0, 3, "999"),
                claim("o-1", "l-2", T0, 0, "1"),
                claim("o-1", "l-1", T0, 0, "1"),
                claim("o-0", "l-1", T0.plusSeconds(1), 3, "999"));

        assertThat(ids(PriorityRule.FIFO.rank(claims, T0.plus(Duration.ofDays(30)))))
                .containsExactly("o-1/l-1", "o-1/l-2", "o-2/l-1", "o-0/l-1");
    }

    @Test
    void weightedServesHigherTierFirstWhenPlacedAtTheSameTime() {
        final PriorityRule rule = PriorityRule.weighted(10, 0, 1);
        final List<Claim> claims = List.of(claim("o-std", "1", T0, 0, "10"), claim("o-gold", "1", T0, 2, "10"));

        assertThat(ids(rule.rank(claims, T0))).containsExactly("o-gold/1", "o-std/1");
    }

    @Test
    void weightedServesHigherLineValueFirstAtEqualTier() {
        final PriorityRule rule = PriorityRule.weighted(10, 0.01, 1);
        final List<Claim> claims = List.of(claim("o-a", "1", T0, 1, "100"), claim("o-b", "1", T0, 1, "500"));

        assertThat(ids(rule.rank(claims, T0))).containsExactly("o-b/1", "o-a/1");
    }

    @Test
    void waitingTimeOvertakesTierAfterEnoughDays() {
        // GOLD (rank 2) is worth 20 points; one point per day waited. A STANDARD order placed more
        // than 20 days before a GOLD one goes first; placed fewer days before, it goes after.
        final PriorityRule rule = PriorityRule.weighted(10, 0, 1);
        final Claim oldStandard = claim("o-old", "1", T0, 0, "10");
        final Claim gold19DaysLater = claim("o-gold", "1", T0.plus(Duration.ofDays(19)), 2, "10");
        final Claim gold21DaysLater = claim("o-gold", "1", T0.plus(Duration.ofDays(21)), 2, "10");
        final Instant now = T0.plus(Duration.ofDays(25));

        assertThat(ids(rule.rank(List.of(oldStandard, gold19DaysLater), now))).containsExactly("o-gold/1", "o-old/1");
        assertThat(ids(rule.rank(List.of(oldStandard, gold21DaysLater), now))).containsExactly("o-old/1", "o-gold/1");
    }

    @Test
    void waitingTimeRaisesTheScoreAsItGrows() {
        final PriorityRule.Weighted rule = new PriorityRule.Weighted(10, 0, 2);
        final Claim c = claim("o", "1", T0, 0, "10");

        assertThat(rule.score(c, T0.plus(Duration.ofDays(3)))).isGreaterThan(rule.score(c, T0.plus(Duration.ofDays(1))));
        assertThat(rule.score(c, T0.plus(Duration.ofDays(3)))).isEqualTo(6.0);
    }

    @Test
    void rankingDoesNotDependOnInputOrder() {
        final PriorityRule rule = PriorityRule.weighted(5, 0.1, 1);
        final List<Claim> claims = new ArrayList<>();
        final Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            claims.add(claim("o-" + random.nextInt(20), "l-" + i, T0.plus(Duration.ofHours(random.nextInt(500))),
                    random.nextInt(4), Integer.toString(random.nextInt(50))));
        }
        final Instant now = T0.plus(Duration.ofDays(40));
        final List<String> expected = ids(rule.rank(claims, now));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(claims, random);
            assertThat(ids(rule.rank(claims, now))).isEqualTo(expected);
        }
    }

    @Test
    void negativeWeightsAreRefused() {
        assertThatThrownBy(() -> PriorityRule.weighted(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
