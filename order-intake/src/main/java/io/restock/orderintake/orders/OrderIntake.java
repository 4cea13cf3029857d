package io.restock.orderintake.orders;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.idempotency.IdempotencyGuard.BodyHash;
import io.restock.orderintake.idempotency.IdempotencyGuard.Claim;
import io.restock.orderintake.problem.Problems;
import io.restock.orderintake.shops.Shop;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.orderintake.view.OrderView;
import io.restock.orderintake.status.StatusStreams;
import io.restock.orderintake.status.ViewUnavailableException;
import io.restock.orderintake.submission.CancellationSubmission;
import io.restock.orderintake.submission.Digests;
import io.restock.orderintake.submission.OrderEventMapper;
import io.restock.orderintake.submission.OrderSubmission;
import io.restock.orderintake.submission.Parsed;
import io.restock.orderintake.submission.Submissions;
import io.restock.service.problem.ProblemResponses;
import jakarta.inject.Singleton;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Creates and cancels orders for the HTTP API: validation ({@link Submissions}), idempotency
 * ({@link IdempotencyGuard}, in memory), one record on {@code orders.order-events}, and the answer
 * only once Kafka acknowledged it. Creating reads no store: it costs one Kafka send.
 *
 * <p>Idempotency. The key, the body's SHA-256 and the order travel in the same record (key, hash,
 * shop, event id and acceptance time as headers), so an order is never stored without its key or
 * the other way round; the guard is rebuilt from those records on start ({@code OrderLogFollower}).
 * Cancelling and reading use the status view.
 */
@Singleton
public final class OrderIntake {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final long RETRY_AFTER_SECONDS = 2;

    private final Submissions submissions;
    private final IdempotencyGuard guard;
    private final StatusStreams view;
    private final OrderEventPublisher publisher;
    private final Clock clock;
    private final Counter accepted;
    private final Counter replayed;
    private final Counter refused;

    public OrderIntake(final Submissions submissions, final IdempotencyGuard guard, final StatusStreams view,
                       final OrderEventPublisher publisher, final Clock clock, final MeterRegistry meters) {
        this.submissions = submissions;
        this.guard = guard;
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
        this.accepted = meters.counter("order_intake_orders_accepted");
        this.replayed = meters.counter("order_intake_orders_replayed");
        this.refused = meters.counter("order_intake_orders_refused");
        Gauge.builder("order_intake_idempotency_in_flight", guard, IdempotencyGuard::inFlight).register(meters);
        Gauge.builder("order_intake_idempotency_remembered", guard, IdempotencyGuard::size).register(meters);
    }

    /**
     * Where a valid create is decided: {@code Optional.empty()} here, else the answer of the instance that
     * decides it (see {@code OrdersController}: the owner of the order's view partition).
     */
    @FunctionalInterface
    public interface Router {
        Optional<CompletableFuture<MutableHttpResponse<?>>> elsewhere(String orderId);
    }

    /**
     * Validates the order, then lets {@code router} send it to the instance that decides it; decided here, the
     * idempotency key is claimed and the order written.
     */
    public CompletableFuture<MutableHttpResponse<?>> create(final Shop shop, final String idempotencyKey,
                                                            final byte[] body, final String path,
                                                            final Router router) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            refused.increment();
            return done(ProblemResponses.of(HttpStatus.BAD_REQUEST, "idempotency-key-required", "Idempotency-Key required",
                    "send an Idempotency-Key header: 1 to 255 printable ASCII characters, unique per order", path));
        }
        final OrderSubmission order;
        switch (submissions.order(body)) {
            case Parsed.Valid<OrderSubmission> valid -> order = valid.value();
            case Parsed.Invalid<OrderSubmission> invalid -> {
                refused.increment();
                return done(Problems.invalid(path, "The order", invalid.violations()));
            }
        }
        final Optional<CompletableFuture<MutableHttpResponse<?>>> decidedElsewhere = router.elsewhere(order.orderId());
        if (decidedElsewhere.isPresent()) {
            return decidedElsewhere.get();
        }
        if (!guard.ready()) {
            return done(ProblemResponses.unavailable(path, "order-intake is starting (reading the idempotency keys "
                    + "of recent orders)", RETRY_AFTER_SECONDS));
        }
        final byte[] digest = Digests.sha256(body);
        final IdempotencyGuard.Entry entry;
        switch (guard.claim(shop.id(), idempotencyKey, order.orderId(), BodyHash.of(digest))) {
            case Claim.Granted granted -> entry = granted.entry();
            case Claim.Replay replay -> {
                replayed.increment();
                return done(acceptedResponse(order.orderId(), replay.entry().eventId(),
                        replay.entry().acceptedAtMillis(), true));
            }
            case Claim.InFlight ignored -> {
                return done(inFlight(path));
            }
            case Claim.KeyReused ignored -> {
                return done(keyReused(path));
            }
            case Claim.OrderExists ignored -> {
                return done(orderExists(path, order.orderId()));
            }
        }
        final String eventId = OrderEventMapper.newEventId();
        final OrderEvent event = OrderEventMapper.placed(order, shop.id(), shop.maxWaitDays(), eventId, clock.instant());
        final long acceptedAt = ((OrderPlaced) event.getEvent()).getOccurredAt().toEpochMilli();
        final List<Header> headers = List.of(
                new RecordHeader(IntakeHeaders.IDEMPOTENCY_KEY, idempotencyKey.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(IntakeHeaders.REQUEST_HASH,
                        HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII)),
                new RecordHeader(IntakeHeaders.SHOP_ID, shop.id().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(IntakeHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.US_ASCII)),
                new RecordHeader(IntakeHeaders.ACCEPTED_AT, Long.toString(acceptedAt).getBytes(StandardCharsets.US_ASCII)));
        return publisher.publish(acceptedAt, order.orderId(), event, headers)
                .handle((metadata, error) -> {
                    if (error != null) {
                        guard.release(entry);
                        return kafkaFailed(path, error);
                    }
                    guard.accepted(entry, eventId, acceptedAt, event, metadata.partition(), metadata.offset());
                    accepted.increment();
                    return acceptedResponse(order.orderId(), eventId, acceptedAt, false);
                });
    }

    public CompletableFuture<MutableHttpResponse<?>> cancel(final Shop shop, final String orderId,
                                                            final String lineId, final byte[] body,
                                                            final String path) {
        if (!Submissions.isId(orderId) || (lineId != null && !Submissions.isId(lineId))) {
            return done(Problems.orderNotFound(path, orderId));
        }
        final CancellationSubmission request;
        switch (lineId == null ? submissions.cancellation(orderId, body)
                : submissions.lineCancellation(orderId, lineId, body)) {
            case Parsed.Valid<CancellationSubmission> valid -> request = valid.value();
            case Parsed.Invalid<CancellationSubmission> invalid -> {
                return done(Problems.invalid(path, "The cancellation", invalid.violations()));
            }
        }
        final OrderView order;
        try {
            order = visibleOrder(shop, orderId).map(VisibleOrder::view).orElse(null);
        } catch (final ViewUnavailableException e) {
            return done(ProblemResponses.unavailable(path, "the order view is starting or rebalancing", RETRY_AFTER_SECONDS));
        }
        if (order == null) {
            return done(Problems.orderNotFound(path, orderId));
        }
        boolean anythingNew = request.lineIds().isEmpty()
                && order.lines().stream().anyMatch(l -> !l.cancellationRequested());
        for (final String id : request.lineIds()) {
            final var line = order.find(id);
            if (line == null) {
                return done(ProblemResponses.of(HttpStatus.NOT_FOUND, "line-not-found", "No such line",
                        "order " + orderId + " has no line " + id, path));
            }
            anythingNew |= !line.cancellationRequested();
        }
        if (!anythingNew) {
            return done(cancellationResponse(orderId, request.lineIds(), null));
        }
        final String eventId = OrderEventMapper.newEventId();
        final OrderEvent event = OrderEventMapper.cancellationRequested(request, shop.id(), eventId, clock.instant());
        return publisher.publish(orderId, event)
                .handle((metadata, error) -> error != null ? kafkaFailed(path, error)
                        : cancellationResponse(orderId, request.lineIds(), eventId));
    }

    /** An order as a shop may see it, and whether it came from the view (else: accepted here moments ago). */
    public record VisibleOrder(OrderView view, boolean fromView) {
    }

    /** The order as this shop may see it: from the view, or accepted here and not in the view yet. */
    public Optional<VisibleOrder> visibleOrder(final Shop shop, final String orderId) {
        if (!Submissions.isId(orderId)) {
            return Optional.empty();
        }
        final OrderView fromView = view.find(orderId).filter(OrderView::placed).orElse(null);
        if (fromView == null) {
            return recentlyAccepted(shop, orderId);
        }
        return shop.id().equals(fromView.shopId()) ? Optional.of(new VisibleOrder(fromView, true)) : Optional.empty();
    }

    /**
     * The order as this shop may see it from this instance's memory only (accepted moments ago, not in a view
     * yet), whoever owns its view partition: a read forwarded to the owner may come before the owner knows it.
     */
    public Optional<VisibleOrder> recentlyAccepted(final Shop shop, final String orderId) {
        return guard.recent(orderId)
                .map(e -> {
                    final OrderPlaced placed = (OrderPlaced) e.event().getEvent();
                    return OrderView.empty(orderId).applyPlaced(placed, new Acceptance(orderId, placed.getShopId(),
                            e.eventId(), e.acceptedAtMillis(), null, null));
                })
                .filter(order -> shop.id().equals(order.shopId()))
                .map(order -> new VisibleOrder(order, false));
    }

    private MutableHttpResponse<?> kafkaFailed(final String path, final Throwable failure) {
        refused.increment();
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof SerializationException) {
            return ProblemResponses.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "the event could not be encoded (is its schema registered?); nothing was stored", path);
        }
        return ProblemResponses.unavailable(path, "Kafka did not acknowledge the order in time (" + cause.getClass()
                .getSimpleName() + "); retry with the same Idempotency-Key", RETRY_AFTER_SECONDS);
    }

    private static MutableHttpResponse<?> acceptedResponse(final String orderId, final String eventId,
                                                           final long acceptedAtMillis, final boolean replay) {
        final String json = "{\"orderId\":\"" + orderId + "\",\"status\":\"ACCEPTED\",\"eventId\":\"" + eventId
                + "\",\"acceptedAt\":\"" + Instant.ofEpochMilli(acceptedAtMillis) + "\",\"statusUrl\":\"/orders/"
                + orderId + "\"}";
        final MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.LOCATION, "/orders/" + orderId)
                .body(json.getBytes(StandardCharsets.UTF_8));
        return replay ? response.header("Idempotent-Replayed", "true") : response;
    }

    private static MutableHttpResponse<?> cancellationResponse(final String orderId, final List<String> lineIds,
                                                               final String eventId) {
        final StringBuilder json = new StringBuilder("{\"orderId\":\"").append(orderId)
                .append("\",\"status\":\"CANCELLATION_REQUESTED\",\"lineIds\":[");
        for (int i = 0; i < lineIds.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(lineIds.get(i)).append('"');
        }
        json.append("],\"eventId\":").append(eventId == null ? "null" : "\"" + eventId + "\"")
                .append(",\"statusUrl\":\"/orders/").append(orderId).append("\"}");
        return HttpResponse.<byte[]>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static MutableHttpResponse<?> inFlight(final String path) {
        return ProblemResponses.of(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress",
                "a request with this Idempotency-Key (or for this order id) is still being processed; retry shortly",
                path).header(HttpHeaders.RETRY_AFTER, "1");
    }

    private static MutableHttpResponse<?> keyReused(final String path) {
        return ProblemResponses.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was used with a different request body; use a new key for a new order", path);
    }

    private static MutableHttpResponse<?> orderExists(final String path, final String orderId) {
        return ProblemResponses.of(HttpStatus.CONFLICT, "order-exists", "Order id already used",
                "order id " + orderId + " was already placed under another Idempotency-Key", path);
    }

    private static CompletableFuture<MutableHttpResponse<?>> done(final MutableHttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
