package io.restock.allocation.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SupplyInboundTest {

    private static final LocalDate DAY0 = LocalDate.parse("2026-12-01");

    @Test
    void receivedUnitsAreTakenOffTheFirstArrivalsAndAtMostTheRemainingUnitsAreKept() {
        final List<Supply.Inbound> arrivals = List.of(new Supply.Inbound(DAY0, 4),
                new Supply.Inbound(DAY0.plusDays(3), 5), new Supply.Inbound(DAY0.plusDays(7), 6));

        assertThat(Supply.Inbound.stillToCome(arrivals, 6, 8)).containsExactly(
                new Supply.Inbound(DAY0.plusDays(3), 3), new Supply.Inbound(DAY0.plusDays(7), 5));
        assertThat(Supply.Inbound.stillToCome(arrivals, 0, 15)).isEqualTo(arrivals);
        assertThat(Supply.Inbound.stillToCome(arrivals, 15, 0)).isEmpty();
    }
}
