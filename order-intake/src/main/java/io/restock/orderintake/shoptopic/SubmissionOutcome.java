package io.restock.orderintake.shoptopic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.UncheckedIOException;

/**
 * What became of one record a shop wrote to its submissions topic, as order-intake writes it (JSON, key: the
 * record's key) to {@code shops.<shopId>.submission-outcomes}, in the same transaction as the order event or
 * dead letter it caused. Fields left out when they do not apply:
 * <pre>{@code
 * {"outcome":"ACCEPTED","shopId":"demo-shop","orderId":"1001","type":"OrderPlaced","eventId":"…",
 *  "topic":"shops.demo-shop.order-submissions","partition":3,"offset":41}
 * {"outcome":"REJECTED","shopId":"demo-shop","orderId":"1002","type":"OrderPlaced","reason":"SHOP_MISMATCH",
 *  "detail":"shopId: …","topic":"shops.demo-shop.order-submissions","partition":0,"offset":7}
 * }</pre>
 *
 * @param outcome ACCEPTED (an event was written to {@code orders.order-events}), DUPLICATE (the same order was
 *                already placed with these bytes; {@code eventId} is the first event's) or REJECTED (dead-lettered)
 * @param orderId the record's key as written (null when it had none)
 * @param type    the event's {@code type} when it could be read
 * @param reason  REJECTED only: the code, as in the dead letter's {@code dlq.error.reason} header
 * @param detail  REJECTED only: what is wrong, for a person
 */
public record SubmissionOutcome(Outcome outcome, String shopId, String orderId, String type, String eventId,
                                String reason, String detail, String topic, int partition, long offset) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The three things that can become of a submission. */
    public enum Outcome {
        ACCEPTED, DUPLICATE, REJECTED
    }

    static SubmissionOutcome accepted(final String shopId, final String orderId, final String type,
                                      final String eventId, final RecordMetadata source) {
        return new SubmissionOutcome(Outcome.ACCEPTED, shopId, orderId, type, eventId, null, null, source.topic(),
                source.partition(), source.offset());
    }

    static SubmissionOutcome duplicate(final String shopId, final String orderId, final String type,
                                       final String eventId, final RecordMetadata source) {
        return new SubmissionOutcome(Outcome.DUPLICATE, shopId, orderId, type, eventId, null, null, source.topic(),
                source.partition(), source.offset());
    }

    static SubmissionOutcome rejected(final String shopId, final String orderId, final String type,
                                      final String reason, final String detail, final RecordMetadata source) {
        return new SubmissionOutcome(Outcome.REJECTED, shopId, orderId, type, null, reason, detail, source.topic(),
                source.partition(), source.offset());
    }

    /** The outcome as the shop reads it. */
    public byte[] toJson() {
        final ObjectNode node = JSON.createObjectNode();
        node.put("outcome", outcome.name());
        node.put("shopId", shopId);
        putIfSet(node, "orderId", orderId);
        putIfSet(node, "type", type);
        putIfSet(node, "eventId", eventId);
        putIfSet(node, "reason", reason);
        putIfSet(node, "detail", detail);
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("offset", offset);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfSet(final ObjectNode node, final String field, final String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
