package io.restock.localkafka.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoriesTest {

    @TempDir
    Path dir;

    @Test
    void deletesADirectoryWithEverythingBelowIt() throws Exception {
        final Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("kafka").resolve("orders.order-events-0"));
        Files.writeString(data.resolve("kafka").resolve("meta.properties"), "node.id=1");
        Files.writeString(data.resolve("kafka").resolve("orders.order-events-0").resolve("00.log"), "x");

        Directories.deleteRecursively(data);

        assertThat(data).doesNotExist();
        assertThat(dir).exists();
    }

    @Test
    void aDirectoryThatDoesNotExistIsNothingToDo() throws Exception {
        Directories.deleteRecursively(dir.resolve("never-made"));

        assertThat(dir.resolve("never-made")).doesNotExist();
    }
}
