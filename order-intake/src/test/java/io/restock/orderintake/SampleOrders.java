package io.restock.orderintake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** Valid order bodies for tests; each test breaks or changes what it is about. */
public final class SampleOrders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleOrders() {
    }

    /** A valid order with every field, two lines, placed on 2026-11-22 09:00 UTC. */
    public static ObjectNode validOrder() {
        final ObjectNode order = JSON.createObjectNode();
        order.put("orderId", "o-1");
        order.putObject("customer").put("id", "c-1").put("email", "ann@example.com").put("tier", "GOLD")
                .put("locale", "de-DE");
        order.put("currency", "EUR");
        final ArrayNode lines = order.putArray("lines");
        lines.addObject().put("lineId", "1").put("sku", "SKU-1").put("quantity", 2).put("unitPrice", "19.99");
        lines.addObject().put("lineId", "2").put("sku", "SKU-2").put("quantity", 1).put("unitPrice", 5);
        order.put("placedAt", "2026-11-22T10:00:00+01:00");
        order.put("shippingPolicy", "COMPLETE");
        order.put("maxWaitDays", 14);
        return order;
    }

    public static byte[] validOrder(final String orderId) {
        return validOrder().put("orderId", orderId).toString().getBytes(StandardCharsets.UTF_8);
    }
}
