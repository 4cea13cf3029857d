package io.restock.bench.baseline;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The exactly-once baseline: reads {@value BaselineTopics#INPUT} (key and value bytes), copies each value
 * ({@code mapValues}, so the record passes through a processor as Restock's do) and writes it to
 * {@value BaselineTopics#OUTPUT}, keeping key and timestamp. Run with {@code StreamsDefaults} (exactly_once_v2,
 * 100 ms commits, as every Restock streams application).
 */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    public static Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(BaselineTopics.INPUT, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("read-input"))
                .mapValues(value -> value.clone(), Named.as("copy-value"))
                .to(BaselineTopics.OUTPUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("write-output"));
        return builder.build();
    }
}
