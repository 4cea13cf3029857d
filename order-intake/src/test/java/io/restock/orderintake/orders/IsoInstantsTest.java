package io.restock.orderintake.orders;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    @Test
    void writesTheSameTextAsInstantToStringForEveryMillisecondInstant() {
        final long[] edges = {0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
                1_767_225_599_999L, 1_767_225_600_000L, 1_798_761_600_480L, 253_402_300_799_999L,
                253_402_300_800_000L, -1, -86_400_001L};
        for (final long millis : edges) {
            assertThat(IsoInstants.ofEpochMilli(millis)).as("%d", millis)
                    .isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        final SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            final long millis = random.nextLong(0, 253_402_300_800_000L);
            final long rounded = i % 3 == 0 ? millis - millis % 1000 : millis;
            assertThat(IsoInstants.ofEpochMilli(rounded)).as("%d", rounded)
                    .isEqualTo(Instant.ofEpochMilli(rounded).toString());
        }
    }
}
