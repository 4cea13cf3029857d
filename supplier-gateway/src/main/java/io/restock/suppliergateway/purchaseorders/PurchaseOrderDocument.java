package io.restock.suppliergateway.purchaseorders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.events.LineQuantity;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;

import java.nio.charset.StandardCharsets;

/**
 * The JSON a supplier receives for a purchase-order event: the value on its topic
 * {@code suppliers.<id>.purchase-orders} and the body of its webhook, byte for byte the same. Fields in a
 * fixed order; the schema is documented in supplier-gateway/README.md ({@value #SCHEMA}).
 */
public final class PurchaseOrderDocument {

    public static final String SCHEMA = "restock.purchase-order-event.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PurchaseOrderDocument() {
    }

    /** The event's id, which is also the webhook delivery id. */
    public static String eventId(final PurchaseOrderEvent envelope) {
        return switch (envelope.getEvent()) {
            case PurchaseOrderIssued e -> e.getEventId();
            case PurchaseOrderAmended e -> e.getEventId();
            case PurchaseOrderCancelled e -> e.getEventId();
            default -> throw new IllegalArgumentException("unknown purchase-order event");
        };
    }

    public static String supplierId(final PurchaseOrderEvent envelope) {
        return switch (envelope.getEvent()) {
            case PurchaseOrderIssued e -> e.getSupplierId();
            case PurchaseOrderAmended e -> e.getSupplierId();
            case PurchaseOrderCancelled e -> e.getSupplierId();
            default -> throw new IllegalArgumentException("unknown purchase-order event");
        };
    }

    public static String eventType(final PurchaseOrderEvent envelope) {
        return envelope.getEvent().getClass().getSimpleName();
    }

    public static byte[] bytes(final PurchaseOrderEvent envelope) {
        return json(envelope).getBytes(StandardCharsets.UTF_8);
    }

    public static String json(final PurchaseOrderEvent envelope) {
        final ObjectNode doc = JSON.createObjectNode();
        doc.put("schema", SCHEMA);
        doc.put("eventType", eventType(envelope));
        switch (envelope.getEvent()) {
            case PurchaseOrderIssued e -> {
                head(doc, e.getEventId(), e.getOccurredAt().toString(), e.getPurchaseOrderId(), e.getSupplierId());
                doc.put("currency", e.getCurrency());
                final ArrayNode lines = doc.putArray("lines");
                for (final PurchaseOrderLine l : e.getLines()) {
                    final ObjectNode line = lines.addObject();
                    line.put("lineId", l.getLineId());
                    line.put("sku", l.getSku());
                    line.put("quantity", l.getQuantity());
                    line.put("unitCost", l.getUnitCost().toPlainString());
                    line.put("requestedDate", l.getRequestedDate() == null ? null : l.getRequestedDate().toString());
                    line.put("dropShip", l.getDropShip());
                    line.put("dropShipOrderId", l.getDropShipOrderId());
                    line.put("dropShipLineId", l.getDropShipLineId());
                }
            }
            case PurchaseOrderAmended e -> {
                head(doc, e.getEventId(), e.getOccurredAt().toString(), e.getPurchaseOrderId(), e.getSupplierId());
                final ArrayNode lines = doc.putArray("lines");
                for (final LineQuantity q : e.getLines()) {
                    lines.addObject().put("lineId", q.getLineId()).put("sku", q.getSku()).put("quantity", q.getQuantity());
                }
                doc.put("reason", e.getReason());
            }
            case PurchaseOrderCancelled e -> {
                head(doc, e.getEventId(), e.getOccurredAt().toString(), e.getPurchaseOrderId(), e.getSupplierId());
                final ArrayNode ids = doc.putArray("lineIds");
                e.getLineIds().forEach(ids::add);
                doc.put("reason", e.getReason());
            }
            default -> throw new IllegalArgumentException("unknown purchase-order event");
        }
        try {
            return JSON.writeValueAsString(doc);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void head(final ObjectNode doc, final String eventId, final String occurredAt,
                             final String purchaseOrderId, final String supplierId) {
        doc.put("eventId", eventId);
        doc.put("occurredAt", occurredAt);
        doc.put("purchaseOrderId", purchaseOrderId);
        doc.put("supplierId", supplierId);
    }
}
