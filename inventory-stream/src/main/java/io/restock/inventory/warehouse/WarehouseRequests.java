package io.restock.inventory.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.StockAdjusted;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.inventory.problem.SkuIds;
import io.restock.service.json.JsonFields;
import io.restock.service.problem.Violation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The warehouse's three JSON requests, validated and mapped to {@link StockMovement} events in one
 * place. The movement id is the warehouse's idempotency key and becomes the event's {@code eventId};
 * {@code occurredAt} is the warehouse's time if given, else the time of the request.
 */
final class WarehouseRequests {

    static final int MAX_TEXT = 200;

    /** A movement and the checks it left; {@code movement} is null when {@code violations} is not empty. */
    record Parsed(StockMovement movement, List<Violation> violations) {
        boolean isValid() {
            return violations.isEmpty();
        }
    }

    private static final Set<String> RECEIPT = Set.of("movementId", "warehouseId", "sku", "quantity",
            "purchaseOrderId", "purchaseOrderLineId", "occurredAt");
    private static final Set<String> ADJUSTMENT = Set.of("movementId", "warehouseId", "sku", "delta", "reason",
            "occurredAt");
    private static final Set<String> SHIPMENT = Set.of("movementId", "warehouseId", "sku", "orderId", "lineId",
            "quantity", "carrier", "trackingNumber", "occurredAt");

    private WarehouseRequests() {
    }

    /** {@code POST /warehouse/receipts}: goods arrived, optionally against a purchase-order line. */
    static Parsed receipt(final JsonNode body, final Instant now) {
        final JsonFields f = JsonFields.of(body, RECEIPT);
        final Common c = common(f, now);
        final Integer quantity = positive(f, "quantity");
        final String po = f.text("purchaseOrderId", false, MAX_TEXT);
        final String poLine = f.text("purchaseOrderLineId", false, MAX_TEXT);
        if (poLine != null && po == null) {
            f.add("purchaseOrderLineId", "requires-purchase-order", "a purchase-order line needs its purchaseOrderId");
        }
        if (!f.isValid()) {
            return new Parsed(null, f.violations());
        }
        return new Parsed(new StockMovement(new StockReceived(c.movementId, c.occurredAt, c.movementId, c.warehouseId,
                c.sku, quantity, po, poLine)), List.of());
    }

    /** {@code POST /warehouse/adjustments}: a count, damage or loss corrected on-hand by {@code delta}. */
    static Parsed adjustment(final JsonNode body, final Instant now) {
        final JsonFields f = JsonFields.of(body, ADJUSTMENT);
        final Common c = common(f, now);
        final Integer delta = f.integer("delta", true);
        if (delta != null && delta == 0) {
            f.add("delta", "must-not-be-zero", "an adjustment adds (positive) or removes (negative) units");
        }
        final String reason = f.text("reason", true, MAX_TEXT);
        if (!f.isValid()) {
            return new Parsed(null, f.violations());
        }
        return new Parsed(new StockMovement(new StockAdjusted(c.movementId, c.occurredAt, c.movementId, c.warehouseId,
                c.sku, delta, reason)), List.of());
    }

    /** {@code POST /warehouse/shipments}: allocated units of an order line left the warehouse. */
    static Parsed shipment(final JsonNode body, final Instant now) {
        final JsonFields f = JsonFields.of(body, SHIPMENT);
        final Common c = common(f, now);
        final String orderId = f.text("orderId", true, MAX_TEXT);
        final String lineId = f.text("lineId", true, MAX_TEXT);
        final Integer quantity = positive(f, "quantity");
        final String carrier = f.text("carrier", false, MAX_TEXT);
        final String tracking = f.text("trackingNumber", false, MAX_TEXT);
        if (!f.isValid()) {
            return new Parsed(null, f.violations());
        }
        return new Parsed(new StockMovement(new StockShipped(c.movementId, c.occurredAt, c.movementId, c.warehouseId,
                c.sku, orderId, lineId, quantity, carrier, tracking)), List.of());
    }

    private record Common(String movementId, String warehouseId, String sku, Instant occurredAt) {
    }

    private static Common common(final JsonFields f, final Instant now) {
        final String movementId = f.text("movementId", true, MAX_TEXT);
        final String warehouseId = f.text("warehouseId", true, MAX_TEXT);
        final String sku = SkuIds.read(f, "sku", true);
        final Instant occurredAt = f.instant("occurredAt");
        return new Common(movementId, warehouseId, sku, occurredAt == null ? now : occurredAt);
    }

    private static Integer positive(final JsonFields f, final String name) {
        final Integer value = f.integer(name, true);
        if (value != null && value <= 0) {
            f.add(name, "must-be-positive", "must be at least 1 unit");
            return null;
        }
        return value;
    }
}
