package io.restock.suppliergateway.answers;

import io.restock.suppliergateway.topology.RememberedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.events.SupplierEvent;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.StoreOwners;
import io.restock.suppliergateway.problem.Problems;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;
import io.restock.suppliergateway.streams.GatewayStores;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.directory.SupplierAuthenticationFilter;
import io.restock.suppliergateway.directory.SupplierDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The suppliers' HTTP API: read an own purchase order and answer it. Another supplier's order is 404, the
 * same as an unknown one. Answers are idempotent by the body's {@code messageId}: a replay with the same
 * body answers as the first did (202, same eventId, header {@code Idempotent-Replayed: true}); the same id
 * with another body is 422 {@code message-id-reused}. 202 once the event is on Kafka (acks=all).
 *
 * <p>Several instances: a purchase order, and the message ids of the answers to it, live in the partition of
 * its id, on one instance. A request for a purchase order another instance owns is sent there once as it came
 * (method, path, body, {@code Authorization}, {@code Content-Type}; {@link OwnerForwarder}) and the owner's
 * answer is relayed: the owner authenticates, checks the order is the supplier's, validates, deduplicates by
 * messageId and publishes, exactly as for a local order. A forwarded request that lands on a non-owner is 503
 * (ownership is moving), never a second hop.
 */
@Controller("/purchase-orders")
@Tag(name = "Purchase orders")
@SecurityRequirement(name = "supplierApiKey")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class PurchaseOrderController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayStores stores;
    private final OwnerForwarder forwarder;
    private final MessageIds messageIds;
    private final SupplierEventPublisher publisher;
    private final Clock clock;
    private final ZoneId zone;
    private final long timeoutMillis;

    PurchaseOrderController(final GatewayStores stores, final OwnerForwarder forwarder, final MessageIds messageIds,
                            final SupplierEventPublisher publisher,
                            @Value("${supplier-gateway.answers.time-zone:UTC}") final String zone,
                            @Value("${supplier-gateway.producer.delivery-timeout:5s}") final java.time.Duration timeout) {
        this.stores = stores;
        this.forwarder = forwarder;
        this.messageIds = messageIds;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
        this.zone = ZoneId.of(zone);
        this.timeoutMillis = timeout.toMillis() + 1000;
    }

    /** The purchase order as its supplier sees it. */
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read one of your purchase orders")
    @ApiResponse(responseCode = "200", description = "the order")
    @ApiResponse(responseCode = "404", description = "no such order of yours (application/problem+json)")
    public HttpResponse<?> read(final HttpRequest<?> request, @PathVariable final String id,
                                @Parameter(hidden = true) @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy) {
        if (stores.ownerOfPurchaseOrder(id, forwardedBy) instanceof KeyOwner.Remote owner) {
            return forward(owner, request, null);
        }
        final Supplier supplier = supplier(request);
        final PurchaseOrderView view = owned(supplier, id);
        if (view == null) {
            return Problems.purchaseOrderNotFound(request.getPath(), id);
        }
        return HttpResponse.ok(Map.of(
                "purchaseOrderId", view.purchaseOrderId(),
                "supplierId", view.supplierId(),
                "currency", view.currency(),
                "issuedAt", Instant.ofEpochMilli(view.issuedAtMillis()).toString(),
                "status", view.cancelled() ? "CANCELLED" : "OPEN",
                "lines", view.lines()));
    }

    @Post(value = "/{id}/acknowledgements", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept (optionally with changed quantities and per-line dates) or reject a purchase order")
    @ApiResponse(responseCode = "202", description = "recorded as PurchaseOrderAcknowledged or PurchaseOrderRejected")
    @ApiResponse(responseCode = "400", description = "malformed body (application/problem+json, errors per field)")
    @ApiResponse(responseCode = "404", description = "no such order of yours")
    @ApiResponse(responseCode = "422", description = "unknown or cancelled line, quantity above ordered, date in the past, messageId reused")
    public HttpResponse<?> acknowledge(final HttpRequest<?> request, @PathVariable final String id,
                                       @Nullable @Body final byte[] body,
                                       @Parameter(hidden = true) @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy) {
        return answer(request, id, body, forwardedBy, Answers.Kind.ACKNOWLEDGEMENT);
    }

    @Post(value = "/{id}/promised-dates", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Set or change the promised date of lines")
    @ApiResponse(responseCode = "202", description = "recorded as PromisedDateChanged")
    public HttpResponse<?> promisedDates(final HttpRequest<?> request, @PathVariable final String id,
                                         @Nullable @Body final byte[] body,
                                         @Parameter(hidden = true) @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy) {
        return answer(request, id, body, forwardedBy, Answers.Kind.PROMISED_DATES);
    }

    @Post(value = "/{id}/shipments", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a shipment notice: lines, quantities, expected arrival, carrier, tracking number")
    @ApiResponse(responseCode = "202", description = "recorded as ShipmentDispatched")
    public HttpResponse<?> shipment(final HttpRequest<?> request, @PathVariable final String id,
                                    @Nullable @Body final byte[] body,
                                    @Parameter(hidden = true) @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy) {
        return answer(request, id, body, forwardedBy, Answers.Kind.SHIPMENT);
    }

    private HttpResponse<?> answer(final HttpRequest<?> request, final String id, final byte[] raw,
                                   final String forwardedBy, final Answers.Kind kind) {
        if (stores.ownerOfPurchaseOrder(id, forwardedBy) instanceof KeyOwner.Remote owner) {
            return forward(owner, request, raw);
        }
        final String path = request.getPath();
        final Supplier supplier = supplier(request);
        final PurchaseOrderView view = owned(supplier, id);
        if (view == null) {
            return Problems.purchaseOrderNotFound(path, id);
        }
        final JsonNode body;
        try {
            body = raw == null || raw.length == 0 ? null : JSON.readTree(raw);
        } catch (final IOException e) {
            return Problems.unreadable(path, "the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body == null) {
            return Problems.unreadable(path, "a JSON body is required");
        }
        final String digest = SupplierDirectory.sha256Hex(kind + "\n" + new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        final String messageId = Answers.messageId(body);
        if (messageId != null) {
            final var previous = messageIds.lookup(supplier.id(), messageId);
            if (previous.isPresent()) {
                return replay(path, previous.get(), digest, messageId);
            }
        }
        final Instant now = clock.instant();
        final String eventId = UUID.randomUUID().toString();
        final Answers.Outcome outcome = Answers.read(kind, body, new Answers.Context(supplier.id(), view, messageId,
                eventId, now, LocalDate.ofInstant(now, zone)));
        return switch (outcome) {
            case Answers.Outcome.Invalid invalid -> Problems.invalid(path, invalid.violations());
            case Answers.Outcome.Refused refused -> Problems.refused(path, refused.violations());
            case Answers.Outcome.Accepted accepted ->
                    publish(path, supplier, view, messageId, eventId, digest, kind, accepted.event());
        };
    }

    private HttpResponse<?> publish(final String path, final Supplier supplier, final PurchaseOrderView view,
                                    final String messageId, final String eventId, final String digest,
                                    final Answers.Kind kind, final SupplierEvent event) {
        final var outcome = messageIds.claim(supplier.id(), messageId, () -> publisher
                .publish(view.purchaseOrderId(), event, digest)
                .thenApply(ignored -> new RememberedMessage(view.purchaseOrderId(), eventId, kind.name(), digest,
                        clock.millis())));
        final RememberedMessage remembered;
        try {
            remembered = outcome.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            return Problems.unavailable(path, "Kafka did not confirm the answer in time; retry with the same messageId");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problems.unavailable(path, "interrupted");
        }
        if (!remembered.eventId().equals(eventId)) {
            // A concurrent request with the same messageId won the claim.
            return replay(path, outcome, digest, messageId);
        }
        return accepted(remembered, messageId, false);
    }

    private HttpResponse<?> replay(final String path, final java.util.concurrent.CompletableFuture<RememberedMessage> previous,
                                   final String digest, final String messageId) {
        final RememberedMessage remembered;
        try {
            remembered = previous.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            return Problems.unavailable(path, "an earlier request with this messageId is still unconfirmed; retry");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problems.unavailable(path, "interrupted");
        }
        if (remembered.requestDigest() != null && !remembered.requestDigest().equals(digest)) {
            return ProblemResponses.of(HttpStatus.UNPROCESSABLE_ENTITY, "message-id-reused", "messageId already used",
                    "messageId " + messageId + " was already used for a different request (event "
                            + remembered.eventId() + "); use a new messageId for a new answer", path,
                    List.of(new Violation("messageId", "message-id-reused", "already used for a different request")));
        }
        return accepted(remembered, messageId, true);
    }

    private static MutableHttpResponse<?> accepted(final RememberedMessage remembered, final String messageId,
                                                   final boolean replayed) {
        final MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.ACCEPTED).body(Map.of(
                "purchaseOrderId", remembered.purchaseOrderId(),
                "messageId", messageId,
                "eventId", remembered.eventId(),
                "status", "ACCEPTED"));
        return replayed ? response.header("Idempotent-Replayed", "true") : response;
    }

    /** The request, sent once to the purchase order's owner; its answer as this instance's. */
    private HttpResponse<?> forward(final KeyOwner.Remote owner, final HttpRequest<?> request, final byte[] body) {
        final Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION).ifPresent(v -> headers.put(HttpHeaders.AUTHORIZATION, v));
        request.getHeaders().findFirst(HttpHeaders.CONTENT_TYPE).ifPresent(v -> headers.put(HttpHeaders.CONTENT_TYPE, v));
        headers.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        final String query = request.getUri().getRawQuery();
        final String pathAndQuery = request.getUri().getRawPath() + (query == null ? "" : "?" + query);
        return forwarder.send(owner.host(), request.getMethodName(), pathAndQuery, headers,
                body).toResponse();
    }

    private PurchaseOrderView owned(final Supplier supplier, final String id) {
        return stores.purchaseOrder(id).filter(v -> v.supplierId().equals(supplier.id())).orElse(null);
    }

    private static Supplier supplier(final HttpRequest<?> request) {
        return request.getAttribute(SupplierAuthenticationFilter.ATTRIBUTE, Supplier.class).orElseThrow();
    }
}
