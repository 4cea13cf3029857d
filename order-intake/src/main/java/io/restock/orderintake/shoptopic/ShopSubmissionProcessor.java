package io.restock.orderintake.shoptopic;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.orderintake.shops.ShopRules;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.view.OrderView;
import io.restock.orderintake.view.OrderViewProcessor;
import io.restock.orderintake.submission.CancellationSubmission;
import io.restock.orderintake.submission.Digests;
import io.restock.orderintake.submission.OrderEventMapper;
import io.restock.orderintake.submission.OrderSubmission;
import io.restock.orderintake.submission.Parsed;
import io.restock.orderintake.submission.Submissions;
import io.restock.orderintake.submission.Violation;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The Kafka entrance: reads one JSON event a shop published on its own {@code shops.<shopId>.order-submissions}
 * (key: orderId). The shop is the one the topic names (only that shop may write it, see {@code bin/restock acl
 * shop}); a body that names another shop is refused ({@code SHOP_MISMATCH}). It validates the event with the same
 * {@link Submissions} rules as HTTP, and forwards either the canonical {@link OrderEvent} (to
 * {@value #WRITE_ORDER_EVENTS}) or the original bytes with the reason in {@code dlq.*} headers (to
 * {@value #WRITE_DEAD_LETTERS}, {@code dlq.shops.<shopId>.order-submissions}), and in every case the
 * {@link SubmissionOutcome} (to {@value #WRITE_OUTCOMES}, {@code shops.<shopId>.submission-outcomes}).
 * The event's {@code maxWaitDays} is the tighter of the customer's and the shop's ({@link ShopRules}), as over HTTP.
 * It runs under exactly-once, so each submission yields its output once, in the same transaction
 * as the consumed offset.
 *
 * <p>Event ids are derived from the submission's topic, partition and offset, so they are stable;
 * {@code occurredAt} is the record's timestamp. A republished identical {@code OrderPlaced} (same
 * bytes) for an order already placed is not placed again (outcome DUPLICATE, with the first event's id); a
 * different one for the same order id is dead-lettered ({@code ORDER_EXISTS}). A topic of a shop that is not
 * configured is skipped with a warning: nothing is written for it (its outcome and dead-letter topics need not
 * exist).
 */
public final class ShopSubmissionProcessor extends OrderViewProcessor<byte[], byte[], Object, Object> {

    /** The sink (of the topology this processor is part of) that writes to {@code orders.order-events}. */
    public static final String WRITE_ORDER_EVENTS = "write-order-events";
    /** The sink that writes refused submissions to their shop's dead-letter topic. */
    public static final String WRITE_DEAD_LETTERS = "write-submission-dead-letters";
    /** The sink that writes each submission's outcome to its shop's outcome topic. */
    public static final String WRITE_OUTCOMES = "write-submission-outcomes";
    private static final Logger LOG = LoggerFactory.getLogger(ShopSubmissionProcessor.class);
    /** The reason of a submission whose body names another shop than the topic it was written to. */
    public static final String SHOP_MISMATCH = "SHOP_MISMATCH";
    public static final String ORDER_PLACED = "OrderPlaced";
    public static final String CANCELLATION_REQUESTED = "OrderCancellationRequested";
    private static final Set<String> PLACED_FIELDS = Set.of("type", "shopId", "order");
    private static final Set<String> CANCELLATION_FIELDS = Set.of("type", "shopId", "orderId", "lineIds", "reason");

    private final Submissions submissions;
    private final ShopRules shops;
    public ShopSubmissionProcessor(final Submissions submissions, final ShopRules shops) {
        this.submissions = submissions;
        this.shops = shops;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final RecordMetadata source = context().recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a submission without source metadata"));
        final String shopId = Topics.shopOfSubmissions(source.topic()).orElse(null);
        if (shopId == null || !shops.isKnown(shopId)) {
            LOG.warn("skipping {}/{}/{}: no shop {} is configured", source.topic(), source.partition(),
                    source.offset(), shopId);
            return;
        }
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        final Parsed<JsonNode> parsed = Submissions.parseJson(record.value());
        final JsonNode node = parsed instanceof Parsed.Valid<JsonNode> valid ? valid.value() : null;
        final String type = node != null && node.path("type").isTextual() ? node.get("type").textValue() : null;
        final Outcome outcome = switch (parsed) {
            case Parsed.Valid<JsonNode> valid -> decide(key, valid.value(), type, shopId, record);
            case Parsed.Invalid<JsonNode> invalid -> new Outcome.Refuse(invalid.reason(), invalid.summary());
        };
        final SubmissionOutcome told = switch (outcome) {
            case Outcome.Publish publish -> {
                context().forward(new Record<>(key, publish.event(), record.timestamp()), WRITE_ORDER_EVENTS);
                yield SubmissionOutcome.accepted(shopId, key, type, eventIdOf(publish.event()), source);
            }
            case Outcome.Drop drop -> SubmissionOutcome.duplicate(shopId, key, type, drop.eventId(), source);
            case Outcome.Refuse refuse -> {
                deadLetter(record, source, shopId, refuse.reason(), refuse.message());
                yield SubmissionOutcome.rejected(shopId, key, type, refuse.reason(), refuse.message(), source);
            }
        };
        context().forward(new Record<>(record.key(), told.toJson(), record.timestamp()), WRITE_OUTCOMES);
    }

    private Outcome decide(final String key, final JsonNode node, final String type, final String shopId,
                           final Record<byte[], byte[]> record) {
        if (!node.isObject()) {
            return new Outcome.Refuse(Violation.Code.WRONG_TYPE.name(), "the event must be a JSON object");
        }
        final JsonNode named = node.get("shopId");
        if (named != null && !(named.isTextual() && shopId.equals(named.textValue()))) {
            return new Outcome.Refuse(SHOP_MISMATCH, "shopId: this topic is shop " + shopId
                    + "'s; leave shopId out or name that shop, was " + named);
        }
        return switch (type == null ? "" : type) {
            case ORDER_PLACED -> placed(key, node, shopId, record);
            case CANCELLATION_REQUESTED -> cancellation(key, node, shopId, record);
            default -> new Outcome.Refuse(Violation.Code.UNKNOWN_VALUE.name(),
                    "type: one of " + ORDER_PLACED + ", " + CANCELLATION_REQUESTED);
        };
    }

    private Outcome placed(final String key, final JsonNode node, final String shopId,
                           final Record<byte[], byte[]> record) {
        for (final var names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!PLACED_FIELDS.contains(name)) {
                return new Outcome.Refuse(Violation.Code.UNKNOWN_FIELD.name(), name + ": unknown field");
            }
        }
        final JsonNode orderNode = node.get("order");
        if (orderNode == null) {
            return new Outcome.Refuse(Violation.Code.REQUIRED.name(), "order: the order is required");
        }
        final OrderSubmission order;
        switch (submissions.order(orderNode, "order")) {
            case Parsed.Valid<OrderSubmission> valid -> order = valid.value();
            case Parsed.Invalid<OrderSubmission> invalid -> {
                return new Outcome.Refuse(invalid.reason(), invalid.summary());
            }
        }
        if (!order.orderId().equals(key)) {
            return new Outcome.Refuse(Violation.Code.KEY_MISMATCH.name(),
                    "the record key must be the order id " + order.orderId() + ", was " + key);
        }
        final String hash = Digests.sha256Hex(record.value());
        final OrderView existing = views().get(key);
        if (existing != null && existing.placed()) {
            if (hash.equals(existing.acceptance().requestHash()) && shopId.equals(existing.shopId())) {
                return new Outcome.Drop(existing.acceptance().eventId());
            }
            return new Outcome.Refuse("ORDER_EXISTS", "order " + key + " was already placed with other content");
        }
        final Instant occurredAt = Instant.ofEpochMilli(record.timestamp());
        final OrderEvent event = OrderEventMapper.placed(order, shopId, shops.maxWaitDays(shopId), eventId(),
                occurredAt);
        final OrderPlaced placed = (OrderPlaced) event.getEvent();
        final OrderView view = existing == null ? OrderView.empty(key) : existing;
        views().put(key, view.applyPlaced(placed, new Acceptance(key, shopId, placed.getEventId(),
                placed.getOccurredAt().toEpochMilli(), null, hash)));
        return new Outcome.Publish(event);
    }

    private Outcome cancellation(final String key, final JsonNode node, final String shopId,
                                 final Record<byte[], byte[]> record) {
        final JsonNode orderIdNode = node.get("orderId");
        final String orderId = orderIdNode != null && orderIdNode.isTextual() ? orderIdNode.textValue() : null;
        if (!Submissions.isId(orderId)) {
            return new Outcome.Refuse(Violation.Code.REQUIRED.name(), "orderId: an order id is required");
        }
        if (!orderId.equals(key)) {
            return new Outcome.Refuse(Violation.Code.KEY_MISMATCH.name(),
                    "the record key must be the order id " + orderId + ", was " + key);
        }
        final CancellationSubmission cancellation;
        switch (submissions.cancellation(orderId, node, "", CANCELLATION_FIELDS)) {
            case Parsed.Valid<CancellationSubmission> valid -> cancellation = valid.value();
            case Parsed.Invalid<CancellationSubmission> invalid -> {
                return new Outcome.Refuse(invalid.reason(), invalid.summary());
            }
        }
        final OrderView view = views().get(orderId);
        if (view == null || !view.placed() || !shopId.equals(view.shopId())) {
            return new Outcome.Refuse("UNKNOWN_ORDER", "shop " + shopId + " has no order " + orderId);
        }
        for (final String lineId : cancellation.lineIds()) {
            if (view.find(lineId) == null) {
                return new Outcome.Refuse("UNKNOWN_LINE", "order " + orderId + " has no line " + lineId);
            }
        }
        return new Outcome.Publish(OrderEventMapper.cancellationRequested(cancellation, shopId, eventId(),
                Instant.ofEpochMilli(record.timestamp())));
    }

    private String eventId() {
        final String source = context().recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "/" + m.offset())
                .orElseThrow(() -> new IllegalStateException("a submission without source metadata"));
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String eventIdOf(final OrderEvent event) {
        return switch (event.getEvent()) {
            case OrderPlaced placed -> placed.getEventId();
            case io.restock.events.OrderCancellationRequested cancellation -> cancellation.getEventId();
            default -> throw new IllegalArgumentException("unknown order event " + event.getEvent().getClass());
        };
    }

    private void deadLetter(final Record<byte[], byte[]> record, final RecordMetadata source, final String shopId,
                            final String reason, final String message) {
        final ProducerRecord<byte[], byte[]> dead = DeadLetters.record(
                Topics.shopSubmissions(shopId).deadLetterTopic(), context().applicationId(),
                DeadLetters.Stage.VALIDATION, source.topic(), source.partition(), source.offset(),
                record.key(), record.value(), record.headers(), new InvalidSubmissionException(message), reason);
        final Headers headers = new RecordHeaders(dead.headers().toArray());
        context().forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
                WRITE_DEAD_LETTERS);
    }

    /** What becomes of one submission. */
    private sealed interface Outcome {
        record Publish(OrderEvent event) implements Outcome {
        }

        record Drop(String eventId) implements Outcome {
        }

        record Refuse(String reason, String message) implements Outcome {
        }
    }

    /** Why a submission was dead-lettered; its message is the {@code dlq.error.message} header. */
    public static final class InvalidSubmissionException extends RuntimeException {
        public InvalidSubmissionException(final String message) {
            super(message, null, false, false);
        }
    }
}
