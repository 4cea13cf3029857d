package io.restock.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a process's memory figures from Linux's {@code /proc}. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@code VmHWM} (peak resident set size) of {@code pid} in KiB; empty if unreadable or gone. */
    static OptionalLong peakRssKb(final long pid) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).replace("kB", "").trim()));
                }
            }
            return OptionalLong.empty();
        } catch (final IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
