package io.restock.suppliergateway.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restock.schemas.serde.StatelessSerde;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;

/** JSON (Jackson) for the gateway's private stores, whose only writer is this build. */
public final class JsonSerde<T> implements StatelessSerde<T> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Class<T> type;

    public JsonSerde(final Class<T> type) {
        this.type = type;
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(data);
        } catch (final IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName(), e);
        }
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes, type);
        } catch (final IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName(), e);
        }
    }
}
