package io.restock.orderintake.submission;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Headers order-intake puts on the {@code OrderPlaced} records it writes for HTTP submissions: the
 * Idempotency-Key and body hash travel in the same write as the order itself (one record: nothing
 * half-written), with the shop, event id and acceptance time, so the idempotency keys can be rebuilt
 * from the topic without decoding the orders ({@code OrderLogFollower}).
 */
public final class IntakeHeaders {

    public static final String IDEMPOTENCY_KEY = "restock.idempotency-key";
    public static final String REQUEST_HASH = "restock.request-hash";
    public static final String SHOP_ID = "restock.shop-id";
    public static final String EVENT_ID = "restock.event-id";
    /** Epoch milliseconds, decimal: the event's {@code occurredAt}, the acceptance time answered. */
    public static final String ACCEPTED_AT = "restock.accepted-at";

    private IntakeHeaders() {
    }

    public static long millis(final Headers headers, final String name, final long otherwise) {
        final String text = text(headers, name);
        if (text == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            return otherwise;
        }
    }

    public static String text(final Headers headers, final String name) {
        final Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
