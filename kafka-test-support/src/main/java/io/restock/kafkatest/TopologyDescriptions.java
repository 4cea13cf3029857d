package io.restock.kafkatest;

import org.apache.kafka.streams.Topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions for the tests that pin a topology's {@code describe()}: node names, stores and internal
 * topics are part of the contract with a running application (changing them loses state or strands
 * records). The actual description is written to {@code target/<resource file name>}; if a change is
 * intended, copy it over the resource in {@code src/test/resources}.
 */
public final class TopologyDescriptions {

    /** Prefixes of the names Kafka Streams generates for unnamed nodes, stores and internal topics. */
    private static final String[] GENERATED_NAME_PREFIXES = {"KSTREAM-", "KTABLE-", "GLOBALKTABLE-", "STATE-STORE-"};

    private TopologyDescriptions() {
    }

    /**
     * Asserts that the topology's description equals the test-classpath resource (both stripped of
     * surrounding whitespace), after writing the actual one to {@code target/}.
     */
    public static void assertMatchesResource(final Topology topology, final String resource) {
        final String actual = topology.describe().toString().strip();
        final String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try {
            Files.writeString(Path.of("target", Path.of(name).getFileName().toString()), actual + "\n");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final String expected;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("src/test/resources/" + name).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * Asserts that no node, store or internal topic of the topology has a name Kafka Streams generated, and that
     * the description names each of {@code expected} (stores, internal topics, sinks the application relies on).
     */
    public static void assertEveryNodeNamed(final Topology topology, final String... expected) {
        final String description = topology.describe().toString();
        assertThat(description).doesNotContain(GENERATED_NAME_PREFIXES);
        assertThat(description).contains(expected);
    }
}
