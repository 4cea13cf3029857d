package io.restock.schemas.topics;

import io.restock.schemas.serde.EventSerdes;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Optional;

/**
 * A topic bound to its serdes and layout: the one place a topic's name appears. Producers,
 * topologies, tests and provisioning all start from a {@code Topic} in {@link Topics}.
 */
public record Topic<K, V>(String name, Codec<K> key, Codec<V> value, TopicSpec spec, String description) {

    public Serde<K> keySerde(final EventSerdes serdes) {
        return key.serde(serdes, true);
    }

    public Serde<V> valueSerde(final EventSerdes serdes) {
        return value.serde(serdes, false);
    }

    /** Explicit serdes for a Kafka Streams source; callers add {@code withName(...)}. */
    public Consumed<K, V> consumed(final EventSerdes serdes) {
        return Consumed.with(keySerde(serdes), valueSerde(serdes));
    }

    /** Explicit serdes for a Kafka Streams sink; callers add {@code withName(...)}. */
    public Produced<K, V> produced(final EventSerdes serdes) {
        return Produced.with(keySerde(serdes), valueSerde(serdes));
    }

    /** The registry subject of the values (topic name strategy). */
    public String valueSubject() {
        return name + "-value";
    }

    public Optional<Schema> valueSchema() {
        return value.schema();
    }

    /** Where records of this topic that cannot be processed go. */
    public String deadLetterTopic() {
        return Topics.DEAD_LETTER_PREFIX + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
