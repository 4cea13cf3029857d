package io.restock.chaos.faults;

import io.restock.stack.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

    @Test
    void theSameSeedGivesTheSamePlanAndFaultsStayApartWithinTheLoad() {
        final FaultPlan plan = FaultPlan.of(5, Duration.ofSeconds(180), 7);
        assertThat(plan).isEqualTo(FaultPlan.of(5, Duration.ofSeconds(180), 7));
        assertThat(plan.faults()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            final Duration at = plan.faults().get(i).at();
            assertThat(at).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(144));
            if (i > 0) {
                assertThat(at.minus(plan.faults().get(i - 1).at())).isGreaterThanOrEqualTo(FaultPlan.MIN_GAP);
            }
        }
    }

    @Test
    void kindsComeInTurnStartingWithAKillOfInventoryStreamThenAPauseThenABrokerRestart() {
        final FaultPlan plan = FaultPlan.of(5, Duration.ofSeconds(180), 1);
        assertThat(plan.faults()).extracting(FaultPlan.Fault::kind).containsExactly(FaultPlan.Kind.KILL,
                FaultPlan.Kind.PAUSE, FaultPlan.Kind.BROKER_RESTART, FaultPlan.Kind.KILL, FaultPlan.Kind.KILL);
        assertThat(plan.faults().get(0).service()).isEqualTo(Service.INVENTORY_STREAM);
        assertThat(plan.faults().get(1).service()).isIn(Service.INVENTORY_STREAM, Service.BACKORDER_PROCESSOR,
                Service.NOTIFIER);
        assertThat(plan.faults().get(2).service()).isNull();
    }

    @Test
    void tooManyFaultsForTheLoadAreRefused() {
        assertThatThrownBy(() -> FaultPlan.of(6, Duration.ofSeconds(60), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 faults need a load");
    }
}
