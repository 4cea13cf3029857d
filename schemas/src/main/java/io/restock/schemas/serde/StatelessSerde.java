package io.restock.schemas.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * A serde that is its own serializer and deserializer, configured by construction and holding nothing open: the
 * implementing class writes only {@code serialize} and {@code deserialize}. Kafka's {@code configure} and
 * {@code close} do nothing.
 */
public interface StatelessSerde<T> extends Serde<T>, Serializer<T>, Deserializer<T> {

    @Override
    default Serializer<T> serializer() {
        return this;
    }

    @Override
    default Deserializer<T> deserializer() {
        return this;
    }

    @Override
    default void configure(final Map<String, ?> configs, final boolean isKey) {
        // Configured by construction.
    }

    @Override
    default void close() {
        // Nothing held open.
    }
}
