package io.restock.inventory.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.context.annotation.Value;
import io.restock.events.StockAdjusted;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.inventory.problem.Problems;
import io.restock.service.publish.EdgePublisher;
import io.restock.inventory.stock.SkuBookQueries;
import io.restock.inventory.stock.StockView;
import io.restock.schemas.topics.Topics;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.streams.OwnerUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The warehouses' HTTP entrance. Each request is validated (400 problem with one entry per field),
 * checked against the SKU's stock when it takes units away (422 problem), and written to
 * {@code inventory.stock-movements} (key sku, {@code StockMovement}, eventId = movementId); 202 once
 * Kafka acknowledged it (acks=all), 503 if Kafka did not within the delivery timeout. The same events
 * may be published straight to the topic; the topology drops a movement id it applied already with the
 * same content (the last {@code inventory-stream.allocation.remembered-movement-ids} per SKU), so an HTTP
 * retry or replay with the same movement id and body is applied once (202 again). A movement id the SKU
 * applied with another body is refused with 422 {@code movement-id-reused} (and dead-lettered
 * {@code MOVEMENT_ID_REUSED} by the topology if it gets there, e.g. straight on the topic or racing).
 */
@Controller("/warehouse")
@ExecuteOn(TaskExecutors.BLOCKING)
final class WarehouseController {

    /** The 202 body: what was accepted and where it was written. */
    record Accepted(String movementId, String sku, String type, int partition, long offset) {
    }

    private final ObjectMapper json;
    private final EdgePublisher publisher;
    private final SkuBookQueries books;
    private final Clock clock = Clock.systemUTC();
    private final long retryAfterSeconds;

    WarehouseController(final ObjectMapper json, final EdgePublisher publisher, final SkuBookQueries books,
                        @Value("${inventory-stream.http.retry-after:1s}") final Duration retryAfter) {
        this.json = json;
        this.publisher = publisher;
        this.books = books;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Post(uri = "/receipts", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> receipt(@Body final String body, final HttpRequest<?> request) {
        return handle(body, request, "receipt", WarehouseRequests::receipt);
    }

    @Post(uri = "/adjustments", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> adjustment(@Body final String body, final HttpRequest<?> request) {
        return handle(body, request, "adjustment", WarehouseRequests::adjustment);
    }

    @Post(uri = "/shipments", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> shipment(@Body final String body, final HttpRequest<?> request) {
        return handle(body, request, "shipment", WarehouseRequests::shipment);
    }

    private HttpResponse<?> handle(final String body, final HttpRequest<?> request, final String what,
                                   final BiFunction<JsonNode, Instant, WarehouseRequests.Parsed> parse) {
        final String path = request.getPath();
        final JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (final JsonProcessingException e) {
            return Problems.unreadable(path, "the body is not JSON: " + e.getOriginalMessage());
        }
        final WarehouseRequests.Parsed parsed = parse.apply(node, clock.instant());
        if (!parsed.isValid()) {
            return Problems.invalid(path, "The " + what, parsed.violations());
        }
        final StockMovement movement = parsed.movement();
        final Facts facts = Facts.of(movement);
        final boolean needsStock = StockChecks.needsStock(movement);
        final Optional<StockView> stock;
        try {
            stock = movement.getEvent() instanceof StockShipped s
                    ? books.stock(facts.sku, facts.movementId, s.getOrderId(), s.getLineId(), null)
                    : books.stock(facts.sku, facts.movementId, null);
        } catch (final OwnerUnavailableException e) {
            if (needsStock) {
                throw e;
            }
            return publish(path, what, facts, movement); // a receipt is never refused; the topology still checks its id
        }
        final Optional<Violation> reused = StockChecks.checkReuse(movement, facts.movementId, stock);
        if (reused.isPresent()) {
            return Problems.refused(path, reused.get().code(), "The " + what + " reuses a movement id",
                    reused.get().message(), List.of(reused.get()));
        }
        if (needsStock) {
            final Optional<Violation> refusal = StockChecks.check(movement, stock);
            if (refusal.isPresent()) {
                return Problems.refused(path, refusal.get().code(), "The " + what + " is refused by the stock of "
                        + facts.sku, refusal.get().message(), List.of(refusal.get()));
            }
        }
        return publish(path, what, facts, movement);
    }

    private HttpResponse<?> publish(final String path, final String what, final Facts facts,
                                    final StockMovement movement) {
        try {
            final var metadata = publisher.publish(Topics.STOCK_MOVEMENTS, facts.sku, movement).join();
            return HttpResponse.accepted().body(new Accepted(facts.movementId, facts.sku, facts.type,
                    metadata.partition(), metadata.offset()));
        } catch (final RuntimeException e) {
            return ProblemResponses.unavailable(path, "Kafka did not acknowledge the " + what + " ("
                    + rootMessage(e) + "); retry with the same movementId", retryAfterSeconds);
        }
    }

    private record Facts(String movementId, String sku, String type) {
        static Facts of(final StockMovement m) {
            return switch (m.getEvent()) {
                case StockReceived r -> new Facts(r.getMovementId(), r.getSku(), "StockReceived");
                case StockAdjusted a -> new Facts(a.getMovementId(), a.getSku(), "StockAdjusted");
                case StockShipped s -> new Facts(s.getMovementId(), s.getSku(), "StockShipped");
                default -> throw new IllegalStateException("unknown movement " + m.getEvent());
            };
        }
    }

    static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
