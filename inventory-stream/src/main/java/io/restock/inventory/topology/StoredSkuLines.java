package io.restock.inventory.topology;

import io.restock.inventory.allocation.BookLine;
import io.restock.inventory.allocation.SkuLines;
import io.restock.inventory.internal.LineState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A SKU's lines in the {@code sku-lines} store (key {@link SkuKeys#line}, value {@link LineState}).
 * Public for the read side, which opens it over the queryable store ({@link #readOnly}).
 */
public final class StoredSkuLines implements SkuLines {

    private static final StringSerializer KEYS = new StringSerializer();

    private final String sku;
    private final ReadOnlyKeyValueStore<String, LineState> reads;
    private final KeyValueStore<String, LineState> writes;

    private StoredSkuLines(final String sku, final ReadOnlyKeyValueStore<String, LineState> reads,
                           final KeyValueStore<String, LineState> writes) {
        this.sku = sku;
        this.reads = reads;
        this.writes = writes;
    }

    static StoredSkuLines of(final String sku, final KeyValueStore<String, LineState> store) {
        return new StoredSkuLines(sku, store, store);
    }

    /** Lines to read only (interactive queries): {@link #put} and {@link #remove} refuse. */
    public static StoredSkuLines readOnly(final String sku, final ReadOnlyKeyValueStore<String, LineState> store) {
        return new StoredSkuLines(sku, store, null);
    }

    @Override
    public Optional<BookLine> get(final String orderId, final String lineId) {
        final LineState state = reads.get(SkuKeys.line(sku, orderId, lineId));
        return state == null ? Optional.empty() : Optional.of(fromState(state));
    }

    @Override
    public void put(final BookLine line) {
        writable().put(SkuKeys.line(sku, line.orderId(), line.lineId()), toState(line));
    }

    @Override
    public void remove(final BookLine line) {
        writable().delete(SkuKeys.line(sku, line.orderId(), line.lineId()));
    }

    @Override
    public List<BookLine> backordered() {
        return scan(l -> l.getBackordered() > 0);
    }

    @Override
    public List<BookLine> withAllocated() {
        return scan(l -> l.getAllocated() > 0);
    }

    private List<BookLine> scan(final Predicate<LineState> wanted) {
        final List<BookLine> found = new ArrayList<>();
        try (KeyValueIterator<String, LineState> all = reads.prefixScan(SkuKeys.of(sku), KEYS)) {
            while (all.hasNext()) {
                final KeyValue<String, LineState> entry = all.next();
                if (wanted.test(entry.value)) {
                    found.add(fromState(entry.value));
                }
            }
        }
        return found;
    }

    private KeyValueStore<String, LineState> writable() {
        if (writes == null) {
            throw new UnsupportedOperationException("the lines of " + sku + " were opened to read only");
        }
        return writes;
    }

    static BookLine fromState(final LineState l) {
        return new BookLine(l.getOrderId(), l.getLineId(), Instant.ofEpochMilli(l.getPlacedAtMillis()),
                l.getTierRank(), new BigDecimal(l.getLineValue()), l.getOrdered(), l.getAllocated(),
                l.getBackordered(), l.getShipped(),
                l.getPromisedEpochDay() == null ? null : LocalDate.ofEpochDay(l.getPromisedEpochDay()),
                l.getDropShip(), l.getDropShipSupplierId());
    }

    static LineState toState(final BookLine l) {
        return LineState.newBuilder()
                .setOrderId(l.orderId())
                .setLineId(l.lineId())
                .setPlacedAtMillis(l.placedAt().toEpochMilli())
                .setTierRank(l.tierRank())
                .setLineValue(l.lineValue().toPlainString())
                .setOrdered(l.ordered())
                .setAllocated(l.allocated())
                .setBackordered(l.backordered())
                .setShipped(l.shipped())
                .setPromisedEpochDay(l.promisedDate() == null ? null : (int) l.promisedDate().toEpochDay())
                .setDropShip(l.dropShip())
                .setDropShipSupplierId(l.dropShipSupplierId())
                .build();
    }
}
