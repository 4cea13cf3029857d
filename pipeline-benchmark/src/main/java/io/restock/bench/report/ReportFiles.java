package io.restock.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link Report} as {@code bench-<stamp>.json} and {@code bench-<stamp>.md} into a directory. */
public final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Returns the two files written. */
    public static Path[] write(final Report report, final Path dir, final String stamp) throws IOException {
        Files.createDirectories(dir);
        final Path json = dir.resolve("bench-" + stamp + ".json");
        final Path md = dir.resolve("bench-" + stamp + ".md");
        Files.writeString(json, toJson(report), StandardCharsets.UTF_8);
        Files.writeString(md, MarkdownReport.render(report), StandardCharsets.UTF_8);
        return new Path[] {json, md};
    }

    public static String toJson(final Report report) throws IOException {
        return JSON.writeValueAsString(report);
    }

    public static Report fromJson(final String json) throws IOException {
        return JSON.readValue(json, Report.class);
    }
}
