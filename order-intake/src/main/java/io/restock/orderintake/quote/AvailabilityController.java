package io.restock.orderintake.quote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.restock.orderintake.shops.Shop;
import io.restock.orderintake.submission.Submissions;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.quote.QuoteParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The availability quote for shops' product pages: {@code GET /skus/{sku}/availability?quantity=N}, authenticated
 * and rate-limited per shop like {@code /orders} ({@code ShopAuthenticationFilter}). The shop's maximum wait
 * ({@code restock.shops.<id>.max-wait-days}) caps the request's {@code maxWaitDays} exactly as it caps an order's,
 * and inventory-stream, which owns the SKU's book, computes the answer with its acceptance code
 * ({@link InventoryQuotes}); order-intake relays it without {@code servedBy}. 400 for bad parameters (the same
 * {@link QuoteParameters} inventory-stream reads), 503 with Retry-After when inventory-stream cannot answer.
 */
@Controller("/skus")
@Tag(name = "availability", description = "Quotes of availability and delivery date before ordering")
@SecurityRequirement(name = "apiKey")
public final class AvailabilityController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_AFTER_SECONDS = 2;

    private final InventoryQuotes inventory;

    public AvailabilityController(final InventoryQuotes inventory) {
        this.inventory = inventory;
    }

    @Get(uri = "/{sku}/availability", produces = {MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(summary = "Quote availability and delivery date",
            description = "What an order line of `quantity` units of this SKU would get if placed now: IN_STOCK; "
                    + "BACKORDERABLE with inStock, backordered and the promisedDate the waiting units would get "
                    + "(computed by the same code that accepts orders); or NOT_AVAILABLE with the reason "
                    + "(NOT_BACKORDERABLE, WAIT_TOO_LONG, UNKNOWN_SKU) and up to three in-stock substitutes. "
                    + "Optional: maxWaitDays (the customer's limit; the shop's and the SKU's apply too), tier and "
                    + "unitPrice (read only by the WEIGHTED priority rule). A quote, not a reservation.")
    @ApiResponse(responseCode = "200", description = "The quote")
    @ApiResponse(responseCode = "400", description = "A missing or bad parameter (problem+json naming it)")
    @ApiResponse(responseCode = "401", description = "No or unknown API key")
    @ApiResponse(responseCode = "429", description = "Over the shop's rate limit; see Retry-After")
    @ApiResponse(responseCode = "503", description = "inventory-stream cannot answer now; see Retry-After")
    public CompletableFuture<MutableHttpResponse<?>> availability(
            final HttpRequest<?> request, @PathVariable final String sku,
            @Nullable @QueryValue final String quantity, @Nullable @QueryValue final String maxWaitDays,
            @Nullable @QueryValue final String tier, @Nullable @QueryValue final String unitPrice) {
        final String path = request.getPath();
        final QuoteParameters asked;
        switch (QuoteParameters.parse(quantity, maxWaitDays, tier, unitPrice)) {
            case QuoteParameters.Parsed.Valid valid -> asked = valid.parameters();
            case QuoteParameters.Parsed.Invalid invalid -> {
                return done(ProblemResponses.invalid(path, "The quote is not valid", invalid.violations()));
            }
        }
        if (!Submissions.isId(sku)) {
            return done(ProblemResponses.invalid(path, "The quote is not valid",
                    List.of(new Violation("sku", "invalid-id", "a SKU is 1-64 printable characters"))));
        }
        final Shop shop = request.getAttribute(Shop.ATTRIBUTE, Shop.class)
                .orElseThrow(() -> new IllegalStateException("no shop: the authentication filter did not run"));
        final QuoteParameters quote = asked.cappedAt(shop.maxWaitDays());
        return inventory.quote(sku, quote).<MutableHttpResponse<?>>thenApply(reply -> switch (reply.statusCode()) {
            case 200 -> relay(reply.body(), path);
            case 400 -> HttpResponse.<byte[]>status(HttpStatus.BAD_REQUEST)
                    .contentType(ProblemResponses.PROBLEM_JSON).body(reply.body());
            default -> unavailable(path, "inventory-stream answered " + reply.statusCode());
        }).exceptionally(error -> unavailable(path, "inventory-stream (" + inventory.base() + ") did not answer: "
                + (error.getCause() == null ? error : error.getCause())));
    }

    private static MutableHttpResponse<?> relay(final byte[] body, final String path) {
        try {
            final ObjectNode quote = (ObjectNode) JSON.readTree(body);
            quote.remove("servedBy");
            return HttpResponse.<byte[]>status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(JSON.writeValueAsBytes(quote));
        } catch (final IOException | ClassCastException e) {
            return unavailable(path, "inventory-stream answered what is not a quote: " + e.getMessage());
        }
    }

    private static MutableHttpResponse<?> unavailable(final String path, final String detail) {
        return ProblemResponses.unavailable(path, detail, RETRY_AFTER_SECONDS);
    }

    private static CompletableFuture<MutableHttpResponse<?>> done(final MutableHttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
