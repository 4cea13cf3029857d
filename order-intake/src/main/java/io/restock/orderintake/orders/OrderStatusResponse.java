package io.restock.orderintake.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.restock.orderintake.view.LineView;
import io.restock.orderintake.view.OrderView;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /orders/{orderId}}: the order, each line's status, and how current the
 * answer is ({@code asOf}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderStatusResponse(String orderId, String customerId, Instant placedAt, String shippingPolicy,
                                  String currency, Integer maxWaitDays, List<Line> lines, AsOf asOf) {

    /** One line: what was ordered and what happened to it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String lineId, String sku, int quantity, String unitPrice, String status, int allocatedQuantity,
                       int backorderedQuantity, int rejectedQuantity, String promisedDate, Integer queuePosition,
                       Rejection rejection, Integer dropShippedQuantity) {
    }

    /** Why a line (or part of it) was rejected, and what could be bought instead. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(String reason, String detail, List<LineView.SubstituteView> substitutes) {
    }

    /**
     * How current this answer is. {@code version} counts the events the view applied to this order,
     * {@code updatedAt} is when the latest of them happened; {@code source} is {@code view}, or
     * {@code accepted} when this instance accepted the order moments ago and the view has not caught up.
     */
    public record AsOf(long version, Instant updatedAt, String source, String consistency) {
    }

    static OrderStatusResponse of(final OrderView view, final boolean fromView) {
        final boolean shipsNow = view.shipsNow();
        final List<Line> lines = view.lines().stream().map(l -> new Line(l.lineId(), l.sku(), l.ordered(),
                l.unitPrice() == null ? null : l.unitPrice().stripTrailingZeros().toPlainString(),
                l.status(shipsNow).name(), l.allocated(), l.backordered(), l.rejected(),
                l.backordered() > 0 ? l.promisedDate() : null, l.backordered() > 0 ? l.queuePosition() : null,
                l.rejectionReason() == null ? null
                        : new Rejection(l.rejectionReason(), l.rejectionDetail(), l.substitutes()),
                l.dropShipped() > 0 ? l.dropShipped() : null)).toList();
        return new OrderStatusResponse(view.orderId(), view.customerId(),
                view.placedAtMillis() == null ? null : Instant.ofEpochMilli(view.placedAtMillis()),
                view.shippingPolicy(), view.currency(), view.maxWaitDays(), lines,
                new AsOf(view.version(), Instant.ofEpochMilli(view.updatedAtMillis()), fromView ? "view" : "accepted",
                        "eventual: line statuses follow inventory-stream's events, usually within a second"));
    }
}
