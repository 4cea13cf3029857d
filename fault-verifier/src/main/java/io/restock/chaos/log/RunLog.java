package io.restock.chaos.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's own log, one JSON object per line, written as each operation ends (flushed at once): every order
 * with its Idempotency-Key and lines, cancellation, warehouse receipt and catalog request it sent with the HTTP
 * status of every attempt and the last one, and every fault it injected with its time. The reference model is
 * replayed from this file ({@link #read}), not from memory.
 *
 * <p>Common fields: {@code type} ({@code order}, {@code cancellation}, {@code receipt}, {@code catalog},
 * {@code fault}, {@code phase}), {@code at} (ISO-8601), and for requests {@code attempts} (statuses, 0 = no
 * answer) and {@code status} (the last).
 */
public final class RunLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter writer;

    public RunLog(final Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the run log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** A new entry of this type stamped now; fill it and {@link #write} it. */
    public static ObjectNode entry(final String type) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("at", Instant.now().toString());
        return node;
    }

    public synchronized void write(final ObjectNode entry) {
        try {
            writer.write(JSON.writeValueAsString(entry));
            writer.newLine();
            writer.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the run log " + file, e);
        }
    }

    /** Every entry of a run log, in the order written. */
    public static List<JsonNode> read(final Path file) {
        try {
            final List<JsonNode> entries = new ArrayList<>();
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
            return entries;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the run log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
