package io.restock.schemas.streams;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps input headers off the outputs of Restock's Kafka Streams applications. Kafka Streams copies the
 * headers of the record being processed onto every record forwarded from it, so internal request headers of
 * an input (order-intake's {@code restock.idempotency-key} and {@code restock.request-hash},
 * supplier-gateway's {@code restock.request-digest}, ...) would travel on to every topic downstream, and
 * from there to other services and outside parties. The rule: a processor forwards records built from
 * {@link #cleared} (or {@code new Record<>(key, value, timestamp)}, which has none), and adds only the
 * headers that are part of the output's documented contract. Dead letters are the exception: they keep the
 * failed record's headers on purpose ({@code DeadLetters}).
 */
public final class OutputHeaders {

    private OutputHeaders() {
    }

    /** The record with no headers: what to forward (after {@code withKey}/{@code withValue}) from an input. */
    public static <K, V> Record<K, V> cleared(final Record<K, V> record) {
        return record.withHeaders(new RecordHeaders());
    }
}
