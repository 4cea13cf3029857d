package io.restock.localkafka;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, where {@code .restock/} (distributions, data, logs) lives. */
public final class RestockRoot {

    /** Set by surefire and by {@code bin/restock}. */
    public static final String PROPERTY = "restock.root";

    private RestockRoot() {
    }

    /** {@code -Drestock.root}, else the nearest directory above the working directory holding {@code mvnw}. */
    public static Path find() {
        final String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Restock repository root: set -D" + PROPERTY
                + "=<dir> or run from inside the repository");
    }

    /** {@code <root>/.restock}. */
    public static Path workDir() {
        return find().resolve(".restock");
    }
}
