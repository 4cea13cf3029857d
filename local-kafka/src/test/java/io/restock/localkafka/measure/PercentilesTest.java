package io.restock.localkafka.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void percentilesAreNearestRank() {
        final Percentiles p = new Percentiles(new long[] {5, 1, 4, 2, 3, 9, 9, 9, 9, 10}, 10);
        assertThat(p.at(50)).isEqualTo(5);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.count()).isEqualTo(10);
        assertThat(new Percentiles(new long[0], 0).at(50)).isEqualTo(-1);
    }

    @Test
    void onlyTheFirstCountSamplesCount() {
        final Percentiles p = new Percentiles(new long[] {7, 3, 0, 0}, 2);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.at(50)).isEqualTo(3);
        assertThat(p.at(100)).isEqualTo(7);
    }
}
