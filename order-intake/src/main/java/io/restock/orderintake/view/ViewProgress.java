package io.restock.orderintake.view;

/**
 * Told by the status view each time it has applied an {@code orders.order-events} record, so the
 * HTTP side knows when its own recent acceptances have become visible in the view.
 */
@FunctionalInterface
public interface ViewProgress {

    ViewProgress NONE = (partition, offset) -> { };

    void applied(int partition, long offset);
}
