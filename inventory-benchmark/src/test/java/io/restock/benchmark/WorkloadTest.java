package io.restock.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest {

    @Test
    void theInitialStockCoversTheRequestedShareOfLinesInFull() {
        final Workload load = Workload.generate(42, 100_000, 1_000, 0.7);
        assertThat(load.lines).isEqualTo(100_000);
        assertThat((double) load.linesInStock / load.lines).isBetween(0.69, 0.71);
        // Replaying the lines against the stock: exactly linesInStock lines are served in full.
        final int[] stock = load.initialStock.clone();
        int full = 0;
        for (int l = 0; l < load.lines; l++) {
            final int s = load.lineSku[l];
            if (stock[s] >= load.lineQuantity[l]) {
                stock[s] -= load.lineQuantity[l];
                full++;
            } else {
                stock[s] = 0;
            }
        }
        assertThat(full).isEqualTo(load.linesInStock);
    }

    @Test
    void ordersHoldOneToThreeLinesOfDistinctSkus() {
        final Workload load = Workload.generate(7, 10_000, 50, 0.5);
        assertThat(load.orderStart[load.orders]).isEqualTo(load.lines);
        for (int o = 0; o < load.orders; o++) {
            assertThat(load.linesOf(o)).isBetween(1, 3);
            final int from = load.orderStart[o];
            for (int a = from; a < load.orderStart[o + 1]; a++) {
                for (int b = a + 1; b < load.orderStart[o + 1]; b++) {
                    assertThat(load.lineSku[a]).isNotEqualTo(load.lineSku[b]);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameData() {
        final Workload a = Workload.generate(1, 5_000, 100, 0.7);
        final Workload b = Workload.generate(1, 5_000, 100, 0.7);
        assertThat(a.lineSku).isEqualTo(b.lineSku);
        assertThat(a.initialStock).isEqualTo(b.initialStock);
    }

    @Test
    void optionsRejectUnknownFlagsAndTakeUnderscoredNumbers() {
        final BenchmarkOptions o = BenchmarkOptions.parse(List.of("--lines", "2_000_000", "--skus", "10000", "--embedded"));
        assertThat(o.lines()).isEqualTo(2_000_000);
        assertThat(o.embedded()).isTrue();
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--nope", "1"))).hasMessageContaining("unknown option");
    }
}
