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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * A service's real topology in a {@link TopologyTestDriver}, for the drivers its topology tests talk to: a state
 * directory of its own (deleted on {@link #close}), the application's own Kafka Streams settings, plain-Avro
 * {@link EventSerdes}, and the catalogue's typed topics as test input and output topics. Drivers keep no topic
 * fields of their own: they ask for {@link #input} and {@link #output} where they pipe and read.
 */
public final class TopologyHarness implements AutoCloseable {

    /** What the application's settings get for bootstrap servers: a {@link TopologyTestDriver} connects to none. */
    private static final String UNUSED_BOOTSTRAP_SERVERS = "unused:9092";

    private final TopologyTestDriver driver;
    private final EventSerdes serdes;
    private final Path stateDir;
    private final Instant start;
    private final Duration recordStep;
    private final Map<String, TestInputTopic<String, ?>> inputs = new HashMap<>();

    /**
     * A harness whose input topics give a record piped without a time the time {@code start}.
     *
     * @param name       names the state directory
     * @param properties the application's Kafka Streams settings, given bootstrap servers (none: the driver
     *                   connects to no broker) and the state directory
     * @param topology   adds the topology to the builder with the given serdes
     * @param start      the driver's wall clock at the start
     */
    public TopologyHarness(final String name, final BiFunction<String, String, Properties> properties,
                           final TopologyDefinition topology, final Instant start) {
        this(name, properties, topology, start, Duration.ZERO);
    }

    /**
     * @param name       names the state directory
     * @param properties the application's Kafka Streams settings, given bootstrap servers (none: the driver
     *                   connects to no broker) and the state directory
     * @param topology   adds the topology to the builder with the given serdes
     * @param start      the driver's wall clock at the start, and the time of the first record piped without a time
     *                   on each input topic
     * @param recordStep how far each input topic's record time advances per record piped without a time
     */
    public TopologyHarness(final String name, final BiFunction<String, String, Properties> properties,
                           final TopologyDefinition topology, final Instant start, final Duration recordStep) {
        this.serdes = EventSerdes.plain();
        this.start = start;
        this.recordStep = recordStep;
        try {
            this.stateDir = Files.createTempDirectory(name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final StreamsBuilder builder = new StreamsBuilder();
        topology.define(builder, serdes);
        this.driver = new TopologyTestDriver(builder.build(),
                properties.apply(UNUSED_BOOTSTRAP_SERVERS, stateDir.toString()), start);
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

    /**
     * The catalogue topic as a test input topic, with its own serdes: one per topic, so its clock for records piped
     * without a time (from the start, by the record step) carries on from one call to the next.
     */
    @SuppressWarnings("unchecked") // each entry was created for its topic's value type
    public <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return (TestInputTopic<String, V>) inputs.computeIfAbsent(topic.name(), name -> driver.createInputTopic(name,
                topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer(), start, recordStep));
    }

    /** The catalogue topic as a test output topic, with its own serdes (all of a topic's share what it holds). */
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
