package io.restock.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * CPU time of processes from Linux's {@code /proc/<pid>/stat} (user + system, in clock ticks of
 * {@value #TICKS_PER_SECOND} Hz, the kernel's {@code USER_HZ} on every Linux architecture the project runs on).
 */
public final class ProcessCpu {

    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU seconds {@code pid} has used so far; empty when it is gone or {@code /proc} cannot be read. */
    public static OptionalDouble cpuSeconds(final long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (final IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** CPU seconds of each named process now (those that cannot be read are left out). */
    public static Map<String, Double> snapshot(final Map<String, Long> pids) {
        final Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpuSeconds(pid).ifPresent(s -> seconds.put(name, s)));
        return seconds;
    }

    /** Per process, {@code after - before}; a process missing from either is left out. */
    public static Map<String, Double> delta(final Map<String, Double> before, final Map<String, Double> after) {
        final Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            final Double start = before.get(name);
            if (start != null) {
                delta.put(name, seconds - start);
            }
        });
        return delta;
    }

    /**
     * utime + stime of a {@code stat} line, in seconds. The command name (field 2) is in parentheses and may hold
     * spaces and parentheses itself, so fields are counted after its last {@code ')'}: utime and stime are fields 14
     * and 15 of the line, the 12th and 13th after it.
     */
    static OptionalDouble parseStat(final String stat) {
        final int end = stat.lastIndexOf(')');
        if (end < 0) {
            return OptionalDouble.empty();
        }
        final String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            return OptionalDouble.empty();
        }
        final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return OptionalDouble.of((double) ticks / TICKS_PER_SECOND);
    }
}
