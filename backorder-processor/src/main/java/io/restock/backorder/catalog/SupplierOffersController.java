package io.restock.backorder.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.events.SupplierOffer;
import io.restock.schemas.topics.Topics;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.publish.EdgePublisher;

import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The supplier-offer catalogue, onto the compacted {@code catalog.supplier-offers} (key
 * {@code supplierId/sku}, {@code SupplierOffer}). An offer is the pair's whole offer (an upsert), so
 * re-sending is harmless; 202 once Kafka acknowledged every record (acks=all, idempotent producer).
 * <ul>
 *   <li>{@code PUT /supplier-offers/{supplierId}/{sku}}: one offer;</li>
 *   <li>{@code POST /supplier-offers}: one offer (an object) or many (an array, at most {@value #MAX_ROWS}),
 *       all-or-nothing: if any row is invalid nothing is written and the 400 names every row's errors;</li>
 *   <li>{@code DELETE /supplier-offers/{supplierId}/{sku}}: withdraws the offer (a tombstone).</li>
 * </ul>
 * Invalid input: 400 problem+json with field errors; Kafka not answering within the delivery timeout:
 * 503 with Retry-After.
 */
@Controller("/supplier-offers")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class SupplierOffersController {

    static final int MAX_ROWS = 10_000;

    /** The 202 body. */
    record Accepted(int accepted, List<String> offers) {
    }

    private final ObjectMapper json;
    private final EdgePublisher publisher;
    private final Clock clock = Clock.systemUTC();
    private final long retryAfterSeconds;

    public SupplierOffersController(@Value("${backorder-processor.http.retry-after:2s}") final Duration retryAfter,
                                    final ObjectMapper json, final EdgePublisher publisher) {
        this.json = json;
        this.publisher = publisher;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Put(uri = "/{supplierId}/{sku}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> put(@PathVariable final String supplierId, @PathVariable final String sku,
                               @Body final String body, final HttpRequest<?> request) {
        final JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (final JsonProcessingException e) {
            return unreadable(request.getPath(), e);
        }
        return publish(OfferRequests.single(supplierId, sku, node, clock.instant()), request.getPath());
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> post(@Body final String body, final HttpRequest<?> request) {
        final String path = request.getPath();
        final JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (final JsonProcessingException e) {
            return unreadable(path, e);
        }
        if (node != null && node.isArray()) {
            if (node.size() > MAX_ROWS) {
                return ProblemResponses.invalid(path, "The offers are not valid", List.of(new Violation("",
                        "too-many-rows", node.size() + " offers; at most " + MAX_ROWS + " per request")));
            }
            return publish(OfferRequests.bulk(node, clock.instant()), path);
        }
        return publish(OfferRequests.single(null, null, node, clock.instant()), path);
    }

    @Delete(uri = "/{supplierId}/{sku}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> withdraw(@PathVariable final String supplierId, @PathVariable final String sku,
                                    final HttpRequest<?> request) {
        if (!Topics.isValidSupplierId(supplierId)) {
            return ProblemResponses.invalid(request.getPath(), "The supplier id is not valid", List.of(
                    new Violation("supplierId", "invalid-supplier-id",
                            "lower-case letters, digits and '-', starting with a letter or digit, at most 63")));
        }
        return send(List.of(new AbstractMap.SimpleEntry<>(Topics.offerKey(supplierId, sku), null)),
                request.getPath());
    }

    private HttpResponse<?> publish(final OfferRequests.Parsed parsed, final String path) {
        if (!parsed.isValid()) {
            return ProblemResponses.invalid(path, parsed.violations().size() == 1 ? "The offer is not valid"
                    : "The offers are not valid", parsed.violations());
        }
        final List<Map.Entry<String, SupplierOffer>> offers = new ArrayList<>();
        for (final SupplierOffer offer : parsed.offers()) {
            offers.add(new AbstractMap.SimpleEntry<>(Topics.offerKey(offer.getSupplierId(), offer.getSku()), offer));
        }
        return send(offers, path);
    }

    /**
     * Sends every offer (a null one: a tombstone), then waits for all acknowledgements; any failure is a 503
     * (re-sending is harmless).
     */
    private HttpResponse<?> send(final List<Map.Entry<String, SupplierOffer>> offers, final String path) {
        try {
            publisher.publishAll(Topics.SUPPLIER_OFFERS, offers).get();
        } catch (final ExecutionException | RuntimeException e) {
            final Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return ProblemResponses.unavailable(path, "Kafka did not acknowledge every offer (" + cause.getMessage()
                    + "); offers are upserts, so re-send the whole request", retryAfterSeconds);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProblemResponses.unavailable(path, "interrupted while waiting for Kafka", retryAfterSeconds);
        }
        final List<String> keys = offers.stream().map(Map.Entry::getKey).toList();
        return HttpResponse.status(HttpStatus.ACCEPTED).body(new Accepted(keys.size(), keys));
    }

    private static HttpResponse<?> unreadable(final String path, final JsonProcessingException e) {
        return ProblemResponses.of(HttpStatus.BAD_REQUEST, "unreadable-body", "The body cannot be read",
                "the body is not JSON: " + e.getOriginalMessage(), path);
    }
}
