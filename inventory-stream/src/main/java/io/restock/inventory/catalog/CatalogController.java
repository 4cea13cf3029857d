package io.restock.inventory.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.events.SkuPolicy;
import io.restock.inventory.problem.Problems;
import io.restock.service.publish.EdgePublisher;
import io.restock.schemas.topics.Topics;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SKU policies in: {@code PUT /catalog/skus/{sku}} (one JSON object) and {@code POST /catalog/skus}
 * (a JSON array or CSV with a header row, all-or-nothing: if any row is invalid nothing is written and
 * the 400 problem lists every row's errors). Written to the compacted {@code catalog.sku-policies}
 * (key sku, {@code SkuPolicy}); 202 once Kafka acknowledged every record. A policy is the SKU's whole
 * policy (an upsert): re-sending is harmless.
 */
@Controller("/catalog/skus")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CatalogController {

    static final int MAX_ROWS = 10_000;
    static final MediaType TEXT_CSV = MediaType.of("text/csv");

    /** The 202 body. */
    record Accepted(int accepted, List<String> skus) {
    }

    private final ObjectMapper json;
    private final EdgePublisher publisher;
    private final Clock clock = Clock.systemUTC();
    private final long retryAfterSeconds;

    CatalogController(final ObjectMapper json, final EdgePublisher publisher,
                      @Value("${inventory-stream.http.retry-after:1s}") final Duration retryAfter) {
        this.json = json;
        this.publisher = publisher;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Put(uri = "/{sku}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> put(@PathVariable final String sku, @Body final String body, final HttpRequest<?> request) {
        final JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (final JsonProcessingException e) {
            return Problems.unreadable(request.getPath(), "the body is not JSON: " + e.getOriginalMessage());
        }
        return publish(PolicyRequests.single(sku, node, clock.instant()), request.getPath(), "The policy");
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, "text/csv"}, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> bulk(@Body final String body, @Nullable @Header(HttpHeaders.CONTENT_TYPE) final String contentType,
                         final HttpRequest<?> request) {
        final String path = request.getPath();
        final List<JsonNode> rows = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        if (contentType != null && MediaType.of(contentType).getName().equalsIgnoreCase(TEXT_CSV.getName())) {
            final PolicyCsv.Rows csv = PolicyCsv.read(body == null ? "" : body);
            if (!csv.violations().isEmpty()) {
                return Problems.invalid(path, "The CSV", csv.violations());
            }
            rows.addAll(csv.rows());
            labels.addAll(csv.labels());
        } else {
            final JsonNode node;
            try {
                node = json.readTree(body == null ? "" : body);
            } catch (final JsonProcessingException e) {
                return Problems.unreadable(path, "the body is not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isArray()) {
                return Problems.invalid(path, "The policies",
                        List.of(new Violation("", "not-an-array", "expected a JSON array of policies")));
            }
            for (int i = 0; i < node.size(); i++) {
                rows.add(node.get(i));
                labels.add("rows[" + i + "]");
            }
        }
        if (rows.size() > MAX_ROWS) {
            return Problems.invalid(path, "The policies", List.of(new Violation("", "too-many-rows",
                    rows.size() + " policies; at most " + MAX_ROWS + " per request")));
        }
        return publish(PolicyRequests.bulk(rows, labels, clock.instant()), path, "The policies");
    }

    private HttpResponse<?> publish(final PolicyRequests.Parsed parsed, final String path, final String what) {
        if (!parsed.isValid()) {
            return Problems.invalid(path, what, parsed.violations());
        }
        final List<Map.Entry<String, SkuPolicy>> events = parsed.policies().stream()
                .map(p -> Map.entry(p.getSku(), p)).toList();
        try {
            publisher.publishAll(Topics.SKU_POLICIES, events).join();
        } catch (final RuntimeException e) {
            return ProblemResponses.unavailable(path, "Kafka did not acknowledge every policy (" + e.getMessage()
                    + "); policies are upserts, so re-send the whole request", retryAfterSeconds);
        }
        return HttpResponse.accepted().body(new Accepted(events.size(), events.stream().map(Map.Entry::getKey).toList()));
    }
}
