package io.restock.kpis.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.topology.KpiReads;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The KPIs as JSON: {@code GET /kpis} (every window and the levels now), {@code GET /kpis/open-backorders?top=N}
 * (the SKUs with the most open backorder value), {@code GET /kpis/timeline} (each minute of the last hour). The
 * sums live on one partition: an instance that does not hold it forwards the request once to the one that does
 * ({@link StoreOwners}, {@link OwnerForwarder}); while the stores are not readable the answer is a 503 problem
 * with Retry-After.
 */
@Controller("/kpis")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class KpiController {

    static final int MAX_TOP = 1000;

    /** {@code GET /kpis/open-backorders}: the {@code top} SKUs by open backorder value (an empty list when none). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenBackorders(int top, List<KpiReport.OpenSku> skus) {
    }

    /** {@code GET /kpis/timeline}: each minute of the last hour, oldest first. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Timeline(List<KpiReport.MinutePoint> minutes) {
    }

    private final KpiStreams streams;
    private final OwnerForwarder forwarder;
    private final long retryAfterSeconds;

    public KpiController(final KpiStreams streams, final OwnerForwarder forwarder,
                         @Value("${backorder-kpis.http.retry-after:2s}") final Duration retryAfter) {
        this.streams = streams;
        this.forwarder = forwarder;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> kpis(@Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                                final HttpRequest<?> request) {
        return fromOwner(request, "/kpis", forwardedBy, reads -> reads.report(Instant.now()));
    }

    @Get(uri = "/open-backorders", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> openBackorders(@Nullable @QueryValue final Integer top,
                                          @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                                          final HttpRequest<?> request) {
        final int n = top == null ? 10 : top;
        if (n < 1 || n > MAX_TOP) {
            return ProblemResponses.invalid(request.getPath(), "Invalid top", List.of(new Violation("top",
                    "out-of-range", "top must be between 1 and " + MAX_TOP)));
        }
        return fromOwner(request, "/kpis/open-backorders?top=" + n, forwardedBy,
                reads -> new OpenBackorders(n, reads.openBackorders(n)));
    }

    @Get(uri = "/timeline", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> timeline(@Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                                    final HttpRequest<?> request) {
        return fromOwner(request, "/kpis/timeline", forwardedBy, reads -> new Timeline(reads.lastHour(Instant.now())));
    }

    private HttpResponse<?> fromOwner(final HttpRequest<?> request, final String pathAndQuery,
                                      final String forwardedBy, final Function<KpiReads, Object> read) {
        try {
            final KeyOwner owner = streams.aggregateOwner(forwardedBy);
            if (owner instanceof KeyOwner.Remote remote) {
                return forwarder.get(remote.host(), pathAndQuery, Map.of("Accept", MediaType.APPLICATION_JSON))
                        .toResponse();
            }
            return HttpResponse.ok(read.apply(streams.reads()));
        } catch (final InvalidStateStoreException e) {
            return ProblemResponses.unavailable(request.getPath(), "the KPI stores are not ready (" + e.getMessage()
                    + ")", retryAfterSeconds);
        } catch (final OwnerUnavailableException e) {
            return ProblemResponses.unavailable(request.getPath(), e.getMessage(), retryAfterSeconds);
        }
    }
}
