package io.restock.schemas.compatibility;

import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Releases the current value schemas: for each Avro topic whose schema differs from its latest
 * released version, writes the next {@code vN.avsc}, refusing (exit 1) if the change is not
 * backward compatible with every released version. Run it when cutting a release:
 * {@code ./mvnw -pl schemas -q compile exec:java -Dexec.mainClass=io.restock.schemas.compatibility.ReleaseSchemas}
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {
    }

    public static void main(final String[] args) throws IOException {
        final ReleasedSchemas released = ReleasedSchemas.inRepository();
        boolean failed = false;
        for (final Topic<?, ?> topic : Topics.ALL) {
            if (topic.valueSchema().isEmpty()) {
                continue;
            }
            final Schema current = topic.valueSchema().get();
            final List<Schema> versions = released.versions(topic.name());
            if (!versions.isEmpty() && versions.getLast().equals(current)) {
                continue;
            }
            final var violations = BackwardCompatibility.check(topic.name(), current, versions);
            if (!violations.isEmpty()) {
                violations.forEach(v -> System.err.println(v.describe()));
                failed = true;
                continue;
            }
            final Path file = released.file(topic.name(), versions.size() + 1);
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n");
            System.out.println("released " + file);
        }
        if (failed) {
            System.exit(1);
        }
    }
}
