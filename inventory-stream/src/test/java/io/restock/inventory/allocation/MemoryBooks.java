package io.restock.inventory.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/** SKU books held in memory, for testing the domain without stores. */
public final class MemoryBooks {

    private MemoryBooks() {
    }

    /** An empty book over in-memory lines and movement ids. */
    public static SkuBook empty(final String sku) {
        return new SkuBook(SkuBook.Header.empty(sku), new Lines(), new Ids());
    }

    /** A book over the given header and lines. */
    public static SkuBook of(final SkuBook.Header header, final List<BookLine> lines, final List<String> movementIds) {
        final Lines stored = new Lines();
        lines.forEach(stored::put);
        final Ids ids = new Ids();
        movementIds.forEach(id -> ids.remember(id, 0, Integer.MAX_VALUE));
        return new SkuBook(header, stored, ids);
    }

    /** Lines by order/line id, in insertion order. */
    public static final class Lines implements SkuLines {
        private final Map<String, BookLine> lines = new LinkedHashMap<>();

        @Override
        public Optional<BookLine> get(final String orderId, final String lineId) {
            return Optional.ofNullable(lines.get(orderId + "/" + lineId));
        }

        @Override
        public void put(final BookLine line) {
            lines.put(line.orderId() + "/" + line.lineId(), line);
        }

        @Override
        public void remove(final BookLine line) {
            lines.remove(line.orderId() + "/" + line.lineId());
        }

        @Override
        public List<BookLine> backordered() {
            return new ArrayList<>(lines.values().stream().filter(l -> l.backordered() > 0).toList());
        }

        @Override
        public List<BookLine> withAllocated() {
            return new ArrayList<>(lines.values().stream().filter(l -> l.allocated() > 0).toList());
        }
    }

    /** The newest {@code bound} ids. */
    public static final class Ids implements MovementIds {
        private final SequencedSet<String> ids = new LinkedHashSet<>();

        @Override
        public boolean contains(final String movementId) {
            return ids.contains(movementId);
        }

        @Override
        public void remember(final String movementId, final long sequence, final int bound) {
            ids.addLast(movementId);
            while (ids.size() > bound) {
                ids.removeFirst();
            }
        }
    }
}
