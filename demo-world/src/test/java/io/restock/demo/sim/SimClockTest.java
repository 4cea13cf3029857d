package io.restock.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimClockTest {

    @Test
    void aDateToldToAServiceStandsForTheSimulatedDayItWasMeantFor() {
        final Instant start = Instant.now().minusMillis(1500); // mid-day: far from a day boundary
        final SimClock clock = new SimClock(start, 3);
        final LocalDate told = clock.serviceDate(clock.today() + 5);
        assertThat(told).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(5));
        assertThat(clock.dueDay(told, Instant.now())).isEqualTo(Math.floor(clock.today()) + 5);
        assertThat(clock.serviceDate(clock.today() - 2)).as("never before the services' today")
                .isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(clock.wallDuration(2).toMillis()).isEqualTo(6000);
    }
}
