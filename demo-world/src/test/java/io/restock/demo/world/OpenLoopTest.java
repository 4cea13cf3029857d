package io.restock.demo.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    /** A fake clock: pausing moves it to the instant asked for; a task may move it further (a slow caller). */
    private static final class FakeTime {
        long now = 1_000;
    }

    @Test
    void taskNIsDueNOverRateSecondsAfterTheStart() {
        final OpenLoop loop = new OpenLoop(200, Duration.ofSeconds(1), 0);
        assertThat(loop.dueNanos(0)).isZero();
        assertThat(loop.dueNanos(1)).isEqualTo(5_000_000);
        assertThat(loop.dueNanos(200)).isEqualTo(1_000_000_000);
    }

    @Test
    void plansRateTimesDurationTasksUnlessTheCountIsSmaller() {
        assertThat(new OpenLoop(200, Duration.ofSeconds(60), 0).plannedCount()).isEqualTo(12_000);
        assertThat(new OpenLoop(200, Duration.ofSeconds(60), 500).plannedCount()).isEqualTo(500);
        assertThat(new OpenLoop(0.5, Duration.ofSeconds(3), 0).plannedCount()).isEqualTo(2);
    }

    @Test
    void startsEachTaskOnScheduleEvenWhenTasksAreSlow() {
        final FakeTime time = new FakeTime();
        final OpenLoop loop = new OpenLoop(100, Duration.ofMillis(50), 0, () -> time.now, due -> time.now = due);
        final List<Long> startedAt = new ArrayList<>();
        // Each handed-over task is slow (it would take 30 ms), but an open loop hands it over and moves on.
        loop.run(() -> { }, task -> {
            startedAt.add(time.now);
            task.run();
        });
        assertThat(startedAt).containsExactly(1_000L, 10_001_000L, 20_001_000L, 30_001_000L, 40_001_000L);
        assertThat(loop.started()).isEqualTo(5);
        assertThat(loop.maxLagNanos()).isZero();
    }

    @Test
    void recordsHowLateTheDriverItselfStartedATask() {
        final FakeTime time = new FakeTime();
        final OpenLoop loop = new OpenLoop(100, Duration.ofMillis(30), 0, () -> time.now, due -> time.now = due);
        loop.run(() -> { }, task -> time.now += 15_000_000);
        // Task 1 was due at +10 ms but the driver got to it at +15 ms; task 2 due +20 ms, reached at +30 ms.
        assertThat(loop.started()).isEqualTo(3);
        assertThat(loop.maxLagNanos()).isEqualTo(10_000_000);
    }

    @Test
    void stopsAtTheCountBeforeTheDurationEnds() {
        final FakeTime time = new FakeTime();
        final OpenLoop loop = new OpenLoop(1000, Duration.ofSeconds(10), 7, () -> time.now, due -> time.now = due);
        loop.run(() -> { }, Runnable::run);
        assertThat(loop.started()).isEqualTo(7);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new OpenLoop(0, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
