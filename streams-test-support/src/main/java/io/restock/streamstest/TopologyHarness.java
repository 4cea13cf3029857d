package io.restock.streamstest;

import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * A service's real topology in a {@link TopologyTestDriver}, for the drivers its topology tests talk to: a state
 * directory of its own (deleted on {@link #close}), the application's own Kafka Streams settings, plain-Avro
 * {@link EventSerdes}, and the catalogue's typed topics as test input and output topics.
 */
public final class TopologyHarness implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final EventSerdes serdes;
    private final Path stateDir;

    /**
     * @param name       names the state directory
     * @param properties the application's Kafka Streams settings, given the state directory
     * @param topology   adds the topology to the builder with the given serdes
     * @param start      the driver's wall clock at the start
     */
    public TopologyHarness(final String name, final Function<String, Properties> properties,
                           final TopologyDefinition topology, final Instant start) {
        this.serdes = EventSerdes.plain();
        try {
            this.stateDir = Files.createTempDirectory(name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final StreamsBuilder builder = new StreamsBuilder();
        topology.define(builder, serdes);
        this.driver = new TopologyTestDriver(builder.build(), properties.apply(stateDir.toString()), start);
    }

    /** Adds a topology to a builder: the service's pure {@code define(builder, serdes, ...)}. */
    @FunctionalInterface
    public interface TopologyDefinition {
        void define(StreamsBuilder builder, EventSerdes serdes);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public EventSerdes serdes() {
        return serdes;
    }

    /** The catalogue topic as a test input topic, with its own serdes. */
    public <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(),
                topic.valueSerde(serdes).serializer());
    }

    /** {@link #input(Topic)} whose record times start at {@code start} and advance by {@code step} per record. */
    public <V> TestInputTopic<String, V> input(final Topic<String, V> topic, final Instant start,
                                               final Duration step) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(),
                topic.valueSerde(serdes).serializer(), start, step);
    }

    /** The catalogue topic as a test output topic, with its own serdes. */
    public <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(),
                topic.valueSerde(serdes).deserializer());
    }

    /** What the topology dead-lettered from {@code sourceTopic} (raw value, reason in the headers). */
    public List<TestRecord<String, byte[]>> deadLetters(final String sourceTopic) {
        return driver.createOutputTopic(DeadLetters.topicFor(sourceTopic), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    /** Closes the driver and deletes its state directory (best effort). */
    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            // best effort
        }
    }
}
