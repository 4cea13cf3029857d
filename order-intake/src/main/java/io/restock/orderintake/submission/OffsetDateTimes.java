package io.restock.orderintake.submission;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads an ISO-8601 date-time with offset ({@code placedAt}) exactly as {@link OffsetDateTime#parse}
 * does, but reads the usual shape, {@code 2026-11-22T10:15:30[.123456789](Z|+01:00)}, by hand first:
 * the formatter costs several microseconds a request. Anything else goes to the formatter.
 */
final class OffsetDateTimes {

    private OffsetDateTimes() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link OffsetDateTime#parse} does */
    static Instant parse(final String text) {
        final Instant fast = fastPath(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    private static Instant fastPath(final String s) {
        final int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        final int year = digits(s, 0, 4);
        final int month = digits(s, 5, 2);
        final int day = digits(s, 8, 2);
        final int hour = digits(s, 11, 2);
        final int minute = digits(s, 14, 2);
        final int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            final int start = ++i;
            while (i < length && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            final int count = i - start;
            if (count == 0 || (i < length && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        final ZoneOffset offset;
        if (i == length - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == length - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            final int offsetHours = digits(s, i + 1, 2);
            final int offsetMinutes = digits(s, i + 4, 2);
            if ((offsetHours | offsetMinutes) < 0 || offsetMinutes > 59 || offsetHours > 18) {
                return null;
            }
            final int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
            } catch (final DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset).toInstant();
        } catch (final DateTimeException e) {
            return null;
        }
    }

    private static int digits(final String s, final int from, final int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            final char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
