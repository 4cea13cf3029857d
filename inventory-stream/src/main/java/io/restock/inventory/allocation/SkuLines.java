package io.restock.inventory.allocation;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link SkuBook} keeps its open lines, one entry per line, so that deciding an order line
 * touches that line only. The topology backs it with the {@code sku-lines} store; tests with a map.
 */
public interface SkuLines {

    /** The open line, if the SKU has it. */
    Optional<BookLine> get(String orderId, String lineId);

    /** Stores a new or changed line. */
    void put(BookLine line);

    /** Forgets a line that has nothing left allocated or backordered. */
    void remove(BookLine line);

    /** Every open line with units backordered, in no particular order (the priority rule ranks them). */
    List<BookLine> backordered();

    /** Every open line with units allocated (not shipped), in no particular order. */
    List<BookLine> withAllocated();
}
