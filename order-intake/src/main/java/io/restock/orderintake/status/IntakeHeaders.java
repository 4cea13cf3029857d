package io.restock.orderintake.status;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Headers order-intake puts on the {@code OrderPlaced} records it writes for HTTP submissions, so the
 * status view can remember the Idempotency-Key and body hash with the order in the same write as
 * the order itself (one record: nothing half-written).
 */
public final class IntakeHeaders {

    public static final String IDEMPOTENCY_KEY = "restock.idempotency-key";
    public static final String REQUEST_HASH = "restock.request-hash";

    private IntakeHeaders() {
    }

    public static String text(final Headers headers, final String name) {
        final Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
