package io.restock.streamstest;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The internal headers Restock's edges put on the records they write (order-intake's idempotency key, request hash
 * and shop id, supplier-gateway's request digest), for the tests that a topology's outputs carry none of its inputs'
 * headers (schemas' {@code OutputHeaders}).
 */
public final class EdgeHeaders {

    private EdgeHeaders() {
    }

    /** A fresh set of the edges' internal headers, to pipe an input with. */
    public static Headers internal() {
        final Headers headers = new RecordHeaders();
        headers.add("restock.idempotency-key", "k-1".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.request-hash", "ab12".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.shop-id", "shop-1".getBytes(StandardCharsets.UTF_8));
        headers.add("restock.request-digest", "cd34".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The names of every header on the records, in order. */
    public static List<String> names(final List<? extends TestRecord<?, ?>> records) {
        return records.stream().flatMap(r -> Arrays.stream(r.headers().toArray())).map(Header::key).toList();
    }
}
