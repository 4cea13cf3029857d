package io.restock.inventory.stock;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code GET /skus/{sku}/availability?quantity=N}: what a line of N units placed now would get, computed by the
 * SKU's single writer's own acceptance code ({@code SkuBook.availability}, the same {@code quote} that
 * {@code allocate} accepts backorders with). A quote, not a reservation: an order placed later meets the book as
 * it is then.
 *
 * @param status        {@code IN_STOCK} (all N available now), {@code BACKORDERABLE} ({@code inStock} now, the other
 *                      {@code backordered} units dated {@code promisedDate}) or {@code NOT_AVAILABLE} ({@code inStock}
 *                      units could still be had now; the other {@code rejected} units would be rejected for
 *                      {@code reason})
 * @param promisedDate  the date the waiting units would get (ISO date), only when {@code BACKORDERABLE}
 * @param reason        {@code NOT_BACKORDERABLE}, {@code WAIT_TOO_LONG} or {@code UNKNOWN_SKU}, only when
 *                      {@code NOT_AVAILABLE}
 * @param substitutes   up to three in-stock substitutes from the SKU's list, only when {@code NOT_AVAILABLE}
 * @param maxWaitDays   the maximum wait the quote was asked with (the SKU's own, or the default, applies as well)
 * @param asOf          when the owning instance read its store; {@code servedBy} that instance ({@code host:port})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AvailabilityView(String sku, int quantity, String status, int inStock, int backordered,
                               int rejected, String promisedDate, String reason, String detail, List<Substitute> substitutes,
                               Integer maxWaitDays, String asOf, String servedBy) {

    public static final String IN_STOCK = "IN_STOCK";
    public static final String BACKORDERABLE = "BACKORDERABLE";
    public static final String NOT_AVAILABLE = "NOT_AVAILABLE";

    /** A SKU offered instead, with the units available of it now. */
    public record Substitute(String sku, int available) {
    }
}
