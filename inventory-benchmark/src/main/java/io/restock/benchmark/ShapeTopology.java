package io.restock.benchmark;

import io.restock.events.LineAllocated;
import io.restock.events.LineEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.serde.PrivateAvroSerde;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The least a topology of the shape does per order line, with no allocation logic: each order
 * line re-keyed by SKU through a repartition topic, one read and one write of a per-SKU counter in a
 * RocksDB store with a changelog, and one {@code LineAllocated} written, under exactly_once_v2 like the
 * other two (the repartition topic holds private Avro, as the real topology's does). It writes about three records per line where the real topology writes six or seven
 * (no per-line store, stock level, order-keyed step or shipment request), so its rate is a ceiling for
 * any topology that keeps the single-writer-per-SKU design, measured on the same machine.
 */
final class ShapeTopology {

    static final String OUTPUT_TOPIC = "inventory-benchmark.shape";
    private static final String STORE = "shape-units-by-sku";

    private ShapeTopology() {
    }

    static Topology build(final EventSerdes serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes).withName("read-order-events"))
                .flatMap((orderId, event) -> {
                    final List<KeyValue<String, LineEvent>> lines = new ArrayList<>();
                    if (event.getEvent() instanceof OrderPlaced placed) {
                        for (final OrderLine line : placed.getLines()) {
                            lines.add(KeyValue.pair(line.getSku(), new LineEvent(new LineAllocated(
                                    placed.getEventId() + "/" + line.getLineId(), Instant.EPOCH, placed.getOrderId(),
                                    line.getLineId(), line.getSku(), line.getQuantity(), line.getQuantity(),
                                    placed.getShippingPolicy()))));
                        }
                    }
                    return lines;
                }, Named.as("lines-by-sku"))
                .repartition(Repartitioned.<String, LineEvent>as("shape-lines-by-sku")
                        .withKeySerde(Serdes.String()).withValueSerde(new PrivateAvroSerde<>(LineEvent.class)))
                .process(CountPerSku::new, Named.as("count-per-sku"), STORE)
                .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Topics.LINE_EVENTS.valueSerde(serdes))
                        .withName("write-shape-decisions"));
        return builder.build();
    }

    /** Reads and writes the SKU's counter, then forwards the line keyed by its order. */
    private static final class CountPerSku implements Processor<String, LineEvent, String, LineEvent> {
        private ProcessorContext<String, LineEvent> context;
        private KeyValueStore<String, Long> units;

        @Override
        public void init(final ProcessorContext<String, LineEvent> context) {
            this.context = context;
            this.units = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<String, LineEvent> record) {
            final LineAllocated line = (LineAllocated) record.value().getEvent();
            final Long before = units.get(record.key());
            units.put(record.key(), (before == null ? 0L : before) + line.getQuantity());
            context.forward(record.withKey(line.getOrderId()).withTimestamp(record.timestamp()));
        }
    }
}
