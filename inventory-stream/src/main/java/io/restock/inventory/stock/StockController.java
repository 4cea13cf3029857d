package io.restock.inventory.stock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.inventory.problem.Problems;
import io.restock.inventory.problem.SkuIds;
import io.restock.service.problem.Violation;
import io.restock.service.quote.QuoteParameters;
import io.restock.service.streams.StoreOwners;

import java.util.List;

/**
 * Reads of a SKU's stock and backorder queue, and the availability quote (interactive queries, forwarded to the
 * owning instance):
 * 200 JSON, 404 problem for a SKU never seen, 503 problem with Retry-After while the stores are not
 * available. Store reads and forwarding block, so the handlers run on the blocking executor.
 */
@Controller("/skus")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StockController {

    private final SkuBookQueries books;

    StockController(final SkuBookQueries books) {
        this.books = books;
    }

    @Get(uri = "/{sku}/stock", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> stock(@PathVariable final String sku, @Nullable @QueryValue final String movementId,
                          @Nullable @QueryValue final String orderId, @Nullable @QueryValue final String lineId,
                          @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                          final HttpRequest<?> request) {
        return books.stock(sku, movementId, orderId, lineId, forwardedBy)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problems.skuNotFound(request.getPath(), sku));
    }

    /**
     * The availability quote: 200 {@link AvailabilityView} (also for a SKU never seen: {@code UNKNOWN_SKU}); 400
     * {@code validation-failed} naming each bad parameter; 503 while the SKU's store cannot be read.
     */
    @Get(uri = "/{sku}/availability", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> availability(@PathVariable final String sku, @Nullable @QueryValue final String quantity,
                                 @Nullable @QueryValue final String maxWaitDays, @Nullable @QueryValue final String tier,
                                 @Nullable @QueryValue final String unitPrice,
                                 @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                                 final HttpRequest<?> request) {
        final QuoteParameters quote;
        switch (QuoteParameters.parse(quantity, maxWaitDays, tier, unitPrice)) {
            case QuoteParameters.Parsed.Valid valid -> quote = valid.parameters();
            case QuoteParameters.Parsed.Invalid invalid -> {
                return Problems.invalid(request.getPath(), "The quote", invalid.violations());
            }
        }
        if (!SkuIds.isValid(sku)) {
            return Problems.invalid(request.getPath(), "The quote", List.of(new Violation("sku", "invalid-sku",
                    "a SKU is 1-64 letters, digits, '.', '_', '-' or ':', starting with a letter or digit")));
        }
        return HttpResponse.ok(books.availability(sku, quote, forwardedBy));
    }

    @Get(uri = "/{sku}/backorders", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> backorders(@PathVariable final String sku,
                               @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                               final HttpRequest<?> request) {
        return books.backorders(sku, forwardedBy)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problems.skuNotFound(request.getPath(), sku));
    }
}
