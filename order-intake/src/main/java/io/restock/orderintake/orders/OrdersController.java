package io.restock.orderintake.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import io.restock.orderintake.problem.Problems;
import io.restock.orderintake.shops.Shop;
import io.restock.orderintake.shops.ShopAuthenticationFilter;
import io.restock.orderintake.status.StatusStreams;
import io.restock.orderintake.submission.OrderSubmission;
import io.restock.orderintake.status.ViewUnavailableException;
import io.restock.orderintake.submission.Submissions;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The shops' HTTP API: create an order, cancel an order or a line, read an order's status.
 * Authenticated and rate-limited by {@code ShopAuthenticationFilter}; the work is in {@link OrderIntake}.
 *
 * <p>Several instances: reading and cancelling use the {@code order-views} store, partitioned by order id.
 * When another instance owns the order's partition ({@link StatusStreams#ownerOf}), the request is sent
 * there once as it came (method, path and query, body, the API key header, Content-Type, Idempotency-Key;
 * {@link OwnerForwarder}, on a blocking thread) and the owner's answer is relayed: the owner authenticates,
 * hides other shops' orders (404) and does everything else, as for a local order. A forwarded request that
 * lands on a non-owner, an owner that does not answer, and an application that is not RUNNING answer 503
 * with Retry-After, never a second hop. Creating an order reads no store; a valid create is forwarded to the
 * order's owner too, so one idempotency guard sees every attempt at it (see {@link #decidedByOwner}). A read that
 * the owner answers 404 is answered from this instance's memory when it accepted the order moments ago (the
 * owner may not have read it yet), so a shop reads its order through the instance that accepted it at once.
 */
@Controller("/orders")
@Tag(name = "orders", description = "Orders and cancellations from shops, and each line's status")
@SecurityRequirement(name = "apiKey")
public final class OrdersController {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static final long RETRY_AFTER_SECONDS = 2;
    /** Request headers a forwarded request carries (the owner authenticates with the same key). */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION,
            ShopAuthenticationFilter.API_KEY_HEADER, HttpHeaders.CONTENT_TYPE, "Idempotency-Key");

    private final OrderIntake intake;
    private final StatusStreams view;
    private final OwnerForwarder forwarder;
    private final ExecutorService blocking;

    public OrdersController(final OrderIntake intake, final StatusStreams view, final OwnerForwarder forwarder,
                            @Named(TaskExecutors.BLOCKING) final ExecutorService blocking) {
        this.intake = intake;
        this.view = view;
        this.forwarder = forwarder;
        this.blocking = blocking;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = {MediaType.APPLICATION_JSON, PROBLEM})
    @Operation(summary = "Create an order",
            description = "Validates the order and answers 202 once orders.order-events has it (acks=all). "
                    + "Requires an Idempotency-Key: the same key and body answer the same 202 again "
                    + "(header Idempotent-Replayed: true) and create one order.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderSubmission.class))))
    @ApiResponse(responseCode = "202", description = "Accepted: the order is stored on Kafka")
    @ApiResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key (problem+json with errors)")
    @ApiResponse(responseCode = "401", description = "No or unknown API key")
    @ApiResponse(responseCode = "409", description = "The key is in flight, or the order id is used by another key")
    @ApiResponse(responseCode = "413", description = "Body larger than the limit")
    @ApiResponse(responseCode = "415", description = "Content-Type is not application/json")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with a different body")
    @ApiResponse(responseCode = "429", description = "Over the shop's rate limit; see Retry-After")
    @ApiResponse(responseCode = "503", description = "Kafka or the view is unavailable; retry after Retry-After "
            + "with the same Idempotency-Key")
    public CompletableFuture<MutableHttpResponse<?>> create(
            final HttpRequest<?> request,
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per order; 1-255 printable ASCII")
            @Header("Idempotency-Key") @Nullable final String idempotencyKey,
            @Body @Nullable final byte[] body,
            @Parameter(hidden = true) @Header(StoreOwners.FORWARDED_HEADER) @Nullable final String forwardedBy) {
        if (request.getContentType().isEmpty()) {
            return CompletableFuture.completedFuture(ProblemResponses.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", "Unsupported content type", "send Content-Type: application/json",
                    request.getPath()));
        }
        return intake.create(shop(request), idempotencyKey, body, request.getPath(),
                orderId -> decidedByOwner(request, orderId, forwardedBy, body));
    }

    /**
     * A valid create is decided by the owner of the order's view partition, so that the same request sent to
     * two instances at once (a client retrying through a load balancer) meets one idempotency guard: forwarded
     * once when another instance owns it. When no owner is known (this instance is starting or rebalancing, or
     * a forwarded request reached a non-owner), this instance decides it: creating stays available while the
     * view moves, at the price of the old race for that moment (README, "Idempotency").
     */
    private Optional<CompletableFuture<MutableHttpResponse<?>>> decidedByOwner(
            final HttpRequest<?> request, final String orderId, final String forwardedBy, final byte[] body) {
        final KeyOwner owner;
        try {
            owner = view.ownerOf(orderId, forwardedBy);
        } catch (final OwnerUnavailableException e) {
            return Optional.empty();
        }
        return owner instanceof KeyOwner.Remote remote ? Optional.of(forward(request, remote, body)) : Optional.empty();
    }

    @Post(uri = "/{orderId}/cancellation", consumes = {MediaType.APPLICATION_JSON, MediaType.ALL},
            produces = {MediaType.APPLICATION_JSON, PROBLEM})
    @Operation(summary = "Cancel an order, or some of its lines",
            description = "Optional body: {\"lineIds\": [...], \"reason\": \"...\"}; no lineIds cancels every line. "
                    + "Answers 202 once the cancellation request is on Kafka. Repeating it is harmless.")
    @ApiResponse(responseCode = "202", description = "Cancellation requested")
    @ApiResponse(responseCode = "404", description = "This shop has no such order or line")
    public CompletableFuture<MutableHttpResponse<?>> cancelOrder(
            final HttpRequest<?> request, @PathVariable final String orderId, @Body @Nullable final byte[] body,
            @Parameter(hidden = true) @Header(StoreOwners.FORWARDED_HEADER) @Nullable final String forwardedBy) {
        return answerOrForward(request, orderId, forwardedBy, body,
                () -> intake.cancel(shop(request), orderId, null, body, request.getPath()));
    }

    @Post(uri = "/{orderId}/lines/{lineId}/cancellation", consumes = {MediaType.APPLICATION_JSON, MediaType.ALL},
            produces = {MediaType.APPLICATION_JSON, PROBLEM})
    @Operation(summary = "Cancel one line", description = "Optional body: {\"reason\": \"...\"}.")
    @ApiResponse(responseCode = "202", description = "Cancellation requested")
    @ApiResponse(responseCode = "404", description = "This shop has no such order or line")
    public CompletableFuture<MutableHttpResponse<?>> cancelLine(
            final HttpRequest<?> request, @PathVariable final String orderId, @PathVariable final String lineId,
            @Body @Nullable final byte[] body,
            @Parameter(hidden = true) @Header(StoreOwners.FORWARDED_HEADER) @Nullable final String forwardedBy) {
        return answerOrForward(request, orderId, forwardedBy, body,
                () -> intake.cancel(shop(request), orderId, lineId, body, request.getPath()));
    }

    @Get(uri = "/{orderId}", produces = {MediaType.APPLICATION_JSON, PROBLEM})
    @Operation(summary = "Read an order's status",
            description = "Each line's status from the status view, which follows the event streams "
                    + "(eventually consistent; see asOf). ETag is the view version.")
    @ApiResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderStatusResponse.class)))
    @ApiResponse(responseCode = "404", description = "This shop has no such order (or the view has not seen it yet)")
    @ApiResponse(responseCode = "503", description = "The view is starting or rebalancing; see Retry-After")
    public CompletableFuture<MutableHttpResponse<?>> read(
            final HttpRequest<?> request, @PathVariable final String orderId,
            @Parameter(hidden = true) @Header(StoreOwners.FORWARDED_HEADER) @Nullable final String forwardedBy) {
        return answerOrForward(request, orderId, forwardedBy, null,
                () -> CompletableFuture.completedFuture(readLocal(request, orderId)))
                .thenApply(response -> response.code() == HttpStatus.NOT_FOUND.getCode()
                        ? intake.recentlyAccepted(shop(request), orderId).<MutableHttpResponse<?>>map(
                                OrdersController::status).orElse(response)
                        : response);
    }

    private MutableHttpResponse<?> readLocal(final HttpRequest<?> request, final String orderId) {
        final OrderIntake.VisibleOrder order;
        try {
            order = intake.visibleOrder(shop(request), orderId).orElse(null);
        } catch (final ViewUnavailableException e) {
            return ProblemResponses.unavailable(request.getPath(), "the order view is starting or rebalancing", 2);
        }
        if (order == null) {
            return Problems.orderNotFound(request.getPath(), orderId);
        }
        return status(order);
    }

    private static MutableHttpResponse<?> status(final OrderIntake.VisibleOrder order) {
        try {
            final OrderStatusResponse body = OrderStatusResponse.of(order.view(), order.fromView());
            return HttpResponse.<byte[]>status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, "\"" + order.view().version() + "\"")
                    .body(JSON.writeValueAsBytes(body));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write the order status", e);
        }
    }

    /**
     * {@code local} when this instance owns the order's view partition (or the id is malformed: 404 here), else
     * the request forwarded once to the owner and its answer relayed; 503 when the owner cannot be asked.
     */
    private CompletableFuture<MutableHttpResponse<?>> answerOrForward(
            final HttpRequest<?> request, final String orderId, final String forwardedBy, final byte[] body,
            final Supplier<CompletableFuture<MutableHttpResponse<?>>> local) {
        if (!Submissions.isId(orderId)) {
            return local.get();
        }
        final KeyOwner owner;
        try {
            owner = view.ownerOf(orderId, forwardedBy);
        } catch (final OwnerUnavailableException e) {
            return CompletableFuture.completedFuture(unavailable(request, e));
        }
        if (!(owner instanceof KeyOwner.Remote remote)) {
            return local.get();
        }
        return forward(request, remote, body);
    }

    /** The request sent once, as it came, to {@code remote}, and its answer; 503 when it cannot be asked. */
    private CompletableFuture<MutableHttpResponse<?>> forward(final HttpRequest<?> request,
                                                              final KeyOwner.Remote remote, final byte[] body) {
        final Map<String, String> headers = new LinkedHashMap<>();
        for (final String name : FORWARDED_REQUEST_HEADERS) {
            request.getHeaders().findFirst(name).ifPresent(value -> headers.put(name, value));
        }
        final String query = request.getUri().getRawQuery();
        final String pathAndQuery = request.getUri().getRawPath() + (query == null ? "" : "?" + query);
        final String method = request.getMethodName();
        return CompletableFuture.<MutableHttpResponse<?>>supplyAsync(() -> forwarder.send(remote.host(),
                        method, pathAndQuery, headers, body).toResponse(), blocking)
                .exceptionally(error -> {
                    final Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof OwnerUnavailableException unavailable) {
                        return unavailable(request, unavailable);
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
                });
    }

    private static MutableHttpResponse<?> unavailable(final HttpRequest<?> request,
                                                      final OwnerUnavailableException e) {
        return ProblemResponses.unavailable(request.getPath(), e.getMessage(), RETRY_AFTER_SECONDS);
    }

    private static Shop shop(final HttpRequest<?> request) {
        return request.getAttribute(Shop.ATTRIBUTE, Shop.class)
                .orElseThrow(() -> new IllegalStateException("no shop: the authentication filter did not run"));
    }
}
