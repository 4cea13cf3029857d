package io.restock.orderintake.submission;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetDateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:15:30Z", "2026-11-22T10:15:30.1Z", "2026-11-22T10:15:30.123456789Z",
            "2026-11-22T10:15:30+01:00", "2026-11-22T10:15:30-05:30", "2026-11-22T10:15:30.5+14:00",
            "2026-11-22T10:15:30-18:00", "2024-02-29T00:00:00Z", "2026-11-22T10:15Z", "2026-11-22T10:15:30.Z",
            "2026-11-22T10:15:30+01:00:30", "2026-11-22T10:15:30z", "+12026-11-22T10:15:30Z"})
    void readsWhatOffsetDateTimeReadsToTheSameInstant(final String text) {
        assertThat(OffsetDateTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:15:30", "2026-02-30T10:15:30Z", "2025-02-29T10:15:30Z",
            "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22T10:15:30+0100", "2026-11-22T10:15:30.1234567890Z",
            "2026-11-22T10:15:30+19:00", "2026-11-22T10:15:30+01:60", "2026-11-22 10:15:30Z", "2026-1-22T10:15:30Z",
            "2026-11-22T10:15:30ZZ", "２026-11-22T10:15:30Z", ""})
    void refusesWhatOffsetDateTimeRefuses(final String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> OffsetDateTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
