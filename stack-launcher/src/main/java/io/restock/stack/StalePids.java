package io.restock.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code <data dir>/stack.pids}: the launcher's and its children's pids with their start times, written while a
 * stack runs and deleted by a clean stop. A later start stops any listed process still alive (the same pid and
 * start time, so a reused pid is left alone), and refuses to start while the listed launcher is alive;
 * {@code bin/restock down} reads the launcher's pid from it.
 */
final class StalePids {

    static final String FILE = "stack.pids";
    static final String LAUNCHER = "launcher";

    private StalePids() {
    }

    static void write(final Path dataDir, final Map<String, Long> children) {
        final List<String> lines = new ArrayList<>();
        lines.add(line(LAUNCHER, ProcessHandle.current()));
        children.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(handle -> lines.add(line(name, handle))));
        try {
            Files.createDirectories(dataDir);
            Files.write(dataDir.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clear(final Path dataDir) {
        try {
            final Path file = dataDir.resolve(FILE);
            if (Files.isRegularFile(file) && readLauncherPid(file).orElse(-1L) == ProcessHandle.current().pid()) {
                Files.delete(file);
            }
        } catch (final IOException e) {
            // a leftover file is handled by the next start
        }
    }

    /** Stops what a previous, killed launcher left running; fails if that launcher itself still runs. */
    static void stopLeftovers(final Path dataDir, final PrintStream progress) {
        final Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        for (final String line : lines) {
            final String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                continue;
            }
            final Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[1]))
                    .filter(handle -> startedAt(handle).equals(parts[2]));
            if (process.isEmpty() || process.get().pid() == ProcessHandle.current().pid()) {
                continue;
            }
            if (LAUNCHER.equals(parts[0])) {
                throw new StackStartException("another Restock (launcher pid " + parts[1] + ") is running on "
                        + dataDir + ": stop it first (Ctrl-C in its terminal, or bin/restock down)");
            }
            progress.println("Stopping " + parts[0] + " (pid " + parts[1] + ") left running by an earlier start ...");
            process.get().destroy();
            try {
                process.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (final Exception e) {
                process.get().destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Long> readLauncherPid(final Path file) throws IOException {
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            final String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && LAUNCHER.equals(parts[0])) {
                return Optional.of(Long.parseLong(parts[1]));
            }
        }
        return Optional.empty();
    }

    private static String line(final String name, final ProcessHandle handle) {
        return name + " " + handle.pid() + " " + startedAt(handle);
    }

    private static String startedAt(final ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).map(String::valueOf).orElse("unknown");
    }
}
