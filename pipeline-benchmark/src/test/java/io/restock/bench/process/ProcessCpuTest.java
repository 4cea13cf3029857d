package io.restock.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void cpuIsUserPlusSystemTicksCountedAfterACommandNameWithSpacesAndParentheses() {
        // Fields 14 and 15 (utime 250, stime 50 ticks); the name holds ") (" to trip a naive split.
        final String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 30 0 100";
        assertThat(ProcessCpu.parseStat(stat)).hasValue(3.0);
    }

    @Test
    void aTruncatedStatLineGivesNothing() {
        assertThat(ProcessCpu.parseStat("4242 (java) S 1 2 3")).isEmpty();
        assertThat(ProcessCpu.parseStat("garbage")).isEmpty();
    }

    @Test
    void aProcessThatIsGoneIsLeftOutOfSnapshots() {
        final Map<String, Double> snapshot = ProcessCpu.snapshot(Map.of("gone", Long.MAX_VALUE));
        assertThat(snapshot).isEmpty();
    }

    @Test
    void deltaKeepsOnlyProcessesSeenBothTimes() {
        final Map<String, Double> delta = ProcessCpu.delta(Map.of("a", 1.0, "b", 2.0), Map.of("a", 3.5, "c", 9.0));
        assertThat(delta).containsExactly(Map.entry("a", 2.5));
    }
}
