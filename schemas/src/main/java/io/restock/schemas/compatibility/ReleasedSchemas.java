package io.restock.schemas.compatibility;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The value schemas Restock has released, kept in the repo under {@code schemas/released/<topic>/vN.avsc}
 * (v1, v2, ...). Once released a file never changes; the build checks the current schemas against all
 * of them. {@link ReleaseSchemas} adds the next version.
 */
public final class ReleasedSchemas {

    private final Path dir;

    public ReleasedSchemas(final Path dir) {
        this.dir = dir;
    }

    /** {@code <repo root>/schemas/released}; the root is the {@code restock.root} system property, else the cwd's. */
    public static ReleasedSchemas inRepository() {
        final String root = System.getProperty("restock.root");
        Path base = root == null ? Path.of("").toAbsolutePath() : Path.of(root);
        if (root == null && base.getFileName() != null && base.getFileName().toString().equals("schemas")) {
            base = base.getParent();
        }
        return new ReleasedSchemas(base.resolve("schemas").resolve("released"));
    }

    public Path dir() {
        return dir;
    }

    /** The released versions of a topic's value schema, v1 first; empty if never released. */
    public List<Schema> versions(final String topic) {
        final List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            final Path file = file(topic, v);
            if (!Files.exists(file)) {
                return versions;
            }
            try {
                versions.add(new Schema.Parser().parse(Files.readString(file)));
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    Path file(final String topic, final int version) {
        return dir.resolve(topic).resolve("v" + version + ".avsc");
    }
}
