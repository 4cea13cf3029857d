package io.restock.kpis.topology;

import io.restock.kpis.internal.KpiDelta;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;

/** One {@link KpiDelta} per record on a dead-letter topic ({@code dlq.*}), naming the topic; the bytes are not read. */
final class DeadLetterCount extends ContextualProcessor<Bytes, Bytes, String, KpiDelta> {

    @Override
    public void process(final Record<Bytes, Bytes> record) {
        final RecordMetadata where = context().recordMetadata().orElseThrow();
        final KpiDelta delta = Deltas.of(where.topic() + "/" + where.partition() + "/" + where.offset(),
                Instant.ofEpochMilli(record.timestamp())).setDeadLetterTopic(where.topic()).build();
        context().forward(new Record<>(KpiTopology.AGGREGATE_KEY, delta, record.timestamp()));
    }
}
