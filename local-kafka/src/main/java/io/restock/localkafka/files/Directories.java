package io.restock.localkafka.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The one way Restock's commands and test support clear a data directory (a broker's, a stack's, a run's). */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it, deepest first; nothing if it does not exist. */
    public static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
