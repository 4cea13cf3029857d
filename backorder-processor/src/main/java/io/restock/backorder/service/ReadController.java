package io.restock.backorder.service;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.allocation.rules.DateProjection;
import io.restock.backorder.config.BackorderSettings;
import io.restock.backorder.internal.ReliabilityState;
import io.restock.backorder.internal.SkuPlanState;
import io.restock.backorder.plan.PlanContext;
import io.restock.backorder.plan.PoLine;
import io.restock.backorder.plan.SkuPlan;
import io.restock.backorder.reliability.SupplierReliability;
import io.restock.backorder.topology.BackorderTopology;
import io.restock.backorder.topology.SkuPlanCodec;
import io.restock.service.problem.ProblemResponses;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads from the stores: open purchase-order lines, a SKU's backorder book with each line's
 * projected date, supplier reliability. A SKU it has never planned is a 404 problem; while the streams
 * application is not RUNNING (starting, restoring, rebalancing) every read is a 503 problem with
 * Retry-After. Single instance: every partition is local (reading a partition another instance owns is
 * not built).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class ReadController {

    private final BackorderStreams streams;
    private final BackorderSettings settings;
    private final long retryAfterSeconds;

    public ReadController(final BackorderStreams streams, final BackorderSettings settings,
                          @Value("${backorder-processor.http.retry-after:2s}") final Duration retryAfter) {
        this.streams = streams;
        this.settings = settings;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /** Every open purchase-order line, by SKU. */
    @Get(uri = "/purchase-orders", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> openPurchaseOrders(final HttpRequest<?> request) {
        return guarded(request, () -> {
            final ReadOnlyKeyValueStore<String, SkuPlanState> plans = streams.store(BackorderTopology.SKU_PLANS);
            final List<Map<String, Object>> lines = new ArrayList<>();
            try (KeyValueIterator<String, SkuPlanState> all = plans.all()) {
                all.forEachRemaining(kv -> SkuPlanCodec.fromState(kv.value).lines()
                        .forEach(l -> lines.add(line(kv.key, l))));
            }
            return lines;
        });
    }

    /** A SKU's backorders in priority order with their projected dates, and its supply. */
    @Get(uri = "/skus/{sku}/backorders", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> backorders(@PathVariable final String sku, final HttpRequest<?> request) {
        return guarded(request, () -> {
            final SkuPlanState state = streams.<SkuPlanState>store(BackorderTopology.SKU_PLANS).get(sku);
            if (state == null) {
                return null;
            }
            final SkuPlan plan = SkuPlanCodec.fromState(state);
            final PlanContext ctx = new PlanContext(settings.priorityRule(), Instant.now(), settings.zone(),
                    settings.amendUnacknowledged(), settings.dropShipEnabled(), settings.rememberedIds());
            final List<Map<String, Object>> queue = new ArrayList<>();
            for (final DateProjection.Projected p : plan.projection(ctx)) {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("orderId", p.claim().orderId());
                row.put("lineId", p.claim().lineId());
                row.put("waiting", p.claim().quantity());
                row.put("queuePosition", p.queuePosition());
                row.put("projectedDate", p.date().map(Object::toString).orElse(null));
                queue.add(row);
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", sku);
            body.put("available", Math.max(0, plan.available()));
            body.put("backorders", queue);
            body.put("purchaseOrderLines", plan.lines().stream().map(l -> line(sku, l)).toList());
            body.put("earliestDateForNewDemand", plan.promisedEarliest().map(Object::toString).orElse(null));
            return body;
        });
    }

    /** Promised against actual arrival, per supplier. */
    @Get(uri = "/suppliers/reliability", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> reliability(final HttpRequest<?> request) {
        return guarded(request, () -> {
            final ReadOnlyKeyValueStore<String, ReliabilityState> store = streams.store(BackorderTopology.SUPPLIER_RELIABILITY);
            final List<Map<String, Object>> rows = new ArrayList<>();
            try (KeyValueIterator<String, ReliabilityState> all = store.all()) {
                all.forEachRemaining(kv -> {
                    final SupplierReliability r = new SupplierReliability(kv.key, kv.value.getOnTime(),
                            kv.value.getLate(), kv.value.getDaysLate());
                    rows.add(Map.of("supplierId", kv.key, "deliveries", r.deliveries(), "onTime", r.onTime(),
                            "onTimeRate", r.onTimeRate(), "averageDaysLate", r.averageDaysLate()));
                });
            }
            return rows;
        });
    }

    private static Map<String, Object> line(final String sku, final PoLine l) {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("purchaseOrderId", l.purchaseOrderId());
        row.put("lineId", l.lineId());
        row.put("sku", sku);
        row.put("supplierId", l.supplierId());
        row.put("ordered", l.ordered());
        row.put("accepted", l.accepted());
        row.put("received", l.received());
        row.put("remaining", l.remaining());
        row.put("acknowledged", l.acknowledged());
        row.put("expected", l.expected().toString());
        return row;
    }

    private HttpResponse<?> guarded(final HttpRequest<?> request, final Supplier<Object> read) {
        try {
            final Object body = read.get();
            return body == null
                    ? ProblemResponses.of(HttpStatus.NOT_FOUND, "sku-not-found", "No such SKU",
                    "backorder-processor has no plan for this SKU: no backorder, shortfall, offer or purchase order "
                            + "has named it", request.getPath())
                    : HttpResponse.ok(body);
        } catch (final InvalidStateStoreException e) {
            return ProblemResponses.unavailable(request.getPath(), "the stores are not ready (" + e.getMessage()
                    + ")", retryAfterSeconds);
        }
    }
}
