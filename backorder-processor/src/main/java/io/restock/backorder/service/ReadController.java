package io.restock.backorder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.allocation.rules.InboundLine;
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
import io.restock.service.problem.Violation;
import io.restock.service.streams.ForwardedReply;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Reads from the stores: open purchase-order lines, a SKU's supply schedule, supplier reliability. A SKU it has never planned is a 404 problem; while the streams
 * application is not RUNNING (starting, restoring, rebalancing) every read is a 503 problem with
 * Retry-After.
 *
 * <p>Several instances: a SKU's book is read on the instance that owns the SKU's {@code sku-plans} partition,
 * forwarded there once when that is another instance ({@link StoreOwners}, {@link OwnerForwarder}; a forwarded
 * request that lands on a non-owner is 503, never a second hop). The listings ({@code /purchase-orders},
 * {@code /suppliers/reliability}) gather every instance's local part: each instance with an active task of
 * the store is asked with {@code ?scope=local}, and one that cannot answer makes the whole listing 503 rather
 * than an incomplete 200.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class ReadController {

    /** {@code ?scope=local}: only this instance's partitions (what a gathering instance asks each instance). */
    static final String LOCAL_SCOPE = "local";

    /** The service's Kafka Streams application ({@link BackorderFactory}); a store read while not RUNNING is 503. */
    private final StreamsRunner streams;
    private final BackorderSettings settings;
    private final OwnerForwarder forwarder;
    private final ObjectMapper json;
    private final long retryAfterSeconds;

    public ReadController(final StreamsRunner streams, final BackorderSettings settings,
                          final OwnerForwarder forwarder, final ObjectMapper json,
                          @Value("${backorder-processor.http.retry-after:2s}") final Duration retryAfter) {
        this.streams = streams;
        this.settings = settings;
        this.forwarder = forwarder;
        this.json = json;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /** Every open purchase-order line, by SKU, from every instance (or this one's with {@code ?scope=local}). */
    @Get(uri = "/purchase-orders", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> openPurchaseOrders(@Nullable @QueryValue final String scope, final HttpRequest<?> request) {
        return guarded(request, () -> gather(BackorderTopology.SKU_PLANS, "/purchase-orders", scope,
                (final String sku, final SkuPlanState plan) -> SkuPlanCodec.fromState(plan).lines().stream()
                        .map(l -> line(sku, l)).toList()));
    }

    /**
     * A SKU's supply schedule, as published on {@code promises.sku-supply} (from the SKU's owner): its
     * open purchase-order lines and planned requirements, the supplier new demand would go to, on order.
     * Backorders and their dates are not here: inventory-stream owns them ({@code GET /skus/{sku}/backorders}
     * on 8082).
     */
    @Get(uri = "/skus/{sku}/supply", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> supply(@PathVariable final String sku,
                                  @Nullable @Header(StoreOwners.FORWARDED_HEADER) final String forwardedBy,
                                  final HttpRequest<?> request) {
        return guarded(request, () -> {
            final KeyOwner owner = streams.owners().ownerOf(BackorderTopology.SKU_PLANS, sku,
                    Serdes.String().serializer(), forwardedBy);
            if (owner instanceof KeyOwner.Remote remote) {
                return forwarder.get(remote.host(), "/skus/" + encode(sku) + "/supply",
                        Map.of("Accept", MediaType.APPLICATION_JSON)).toResponse();
            }
            final int partition = ((KeyOwner.Local) owner).partition();
            final SkuPlanState state = streams.store(BackorderTopology.SKU_PLANS,
                    QueryableStoreTypes.<String, SkuPlanState>keyValueStore(), partition).get(sku);
            if (state == null) {
                return null;
            }
            final SkuPlan plan = SkuPlanCodec.fromState(state);
            final PlanContext ctx = new PlanContext(settings.promises(), Instant.now(), settings.amendUnacknowledged(),
                    settings.dropShipEnabled(), settings.rememberedIds());
            final SkuPlan.Schedule schedule = plan.schedule(ctx);
            final List<Map<String, Object>> inbound = new ArrayList<>();
            for (final InboundLine l : schedule.lines()) {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("purchaseOrderId", l.purchaseOrderId());
                row.put("lineId", l.lineId());
                row.put("supplierId", l.supplierId());
                row.put("expectedQuantity", l.expectedQuantity());
                row.put("receivedQuantity", l.receivedQuantity());
                row.put("remaining", l.remaining(0));
                row.put("arrivals", l.arrivals().stream().map(a -> Map.of("expected", a.expected().toString(),
                        "quantity", a.quantity())).toList());
                inbound.add(row);
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", sku);
            body.put("inbound", inbound);
            body.put("nextOrder", schedule.next() == null ? null : Map.of("supplierId", schedule.next().supplierId(),
                    "leadTimeDays", schedule.next().leadTimeDays(), "dropShip", schedule.nextDropShips()));
            body.put("weighedSuppliers", schedule.weighed());
            body.put("dropShipLines", schedule.dropShips().stream().map(d -> {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("orderId", d.orderId());
                row.put("lineId", d.lineId());
                row.put("supplierId", d.supplierId());
                row.put("purchaseOrderId", d.purchaseOrderId());
                row.put("purchaseOrderLineId", d.purchaseOrderLineId());
                row.put("quantity", d.quantity());
                row.put("expected", d.expected().toString());
                row.put("shippedQuantity", d.shipped());
                row.put("status", d.status().name());
                return row;
            }).toList());
            body.put("onOrder", schedule.onOrder());
            body.put("shortfallsAppliedThrough", schedule.appliedThrough());
            body.put("purchaseOrderLines", plan.lines().stream().map(l -> line(sku, l)).toList());
            return body;
        });
    }

    /** Promised against actual arrival, per supplier, from every instance (or this one's with {@code ?scope=local}). */
    @Get(uri = "/suppliers/reliability", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> reliability(@Nullable @QueryValue final String scope, final HttpRequest<?> request) {
        return guarded(request, () -> gather(BackorderTopology.SUPPLIER_RELIABILITY, "/suppliers/reliability", scope,
                (final String supplierId, final ReliabilityState state) -> {
                    final SupplierReliability r = new SupplierReliability(supplierId, state.getOnTime(),
                            state.getLate(), state.getDaysLate());
                    return List.of(Map.of("supplierId", supplierId, "deliveries", r.deliveries(), "onTime",
                            r.onTime(), "onTimeRate", r.onTimeRate(), "averageDaysLate", r.averageDaysLate()));
                }));
    }

    /**
     * A whole-store listing, {@code rows} of each entry: this instance's part alone for {@code ?scope=local};
     * otherwise the parts of every instance with an active task of {@code store}, each asked for its local part. Any
     * instance that cannot answer: {@link OwnerUnavailableException} (503), never a silently incomplete list.
     */
    private <V> Object gather(final String store, final String path, final String scope,
                              final BiFunction<String, V, List<Map<String, Object>>> rows) {
        final Supplier<List<Map<String, Object>>> localPart = () -> {
            final List<Map<String, Object>> part = new ArrayList<>();
            try (KeyValueIterator<String, V> all = streams.store(store,
                    QueryableStoreTypes.<String, V>keyValueStore()).all()) {
                all.forEachRemaining(kv -> part.addAll(rows.apply(kv.key, kv.value)));
            }
            return part;
        };
        if (LOCAL_SCOPE.equals(scope)) {
            return localPart.get();
        }
        if (scope != null) {
            return ProblemResponses.invalid(path, "Unknown scope", List.of(new Violation("scope", "unknown-scope",
                    "leave it out for every instance's answer, or 'local' for this instance's part only")));
        }
        final ArrayNode all = json.createArrayNode();
        for (final HostInfo host : streams.owners().activeHosts(store)) {
            if (streams.owners().isSelf(host)) {
                all.addAll(json.<ArrayNode>valueToTree(localPart.get()));
                continue;
            }
            final ForwardedReply reply = forwarder.get(host, path + "?scope=" + LOCAL_SCOPE,
                    Map.of("Accept", MediaType.APPLICATION_JSON));
            final JsonNode part;
            try {
                part = reply.status() == 200 ? json.readTree(reply.body()) : null;
            } catch (final IOException e) {
                throw new OwnerUnavailableException("instance " + host.host() + ":" + host.port()
                        + " answered unreadable JSON", e);
            }
            if (part == null || !part.isArray()) {
                throw new OwnerUnavailableException("instance " + host.host() + ":" + host.port() + " answered "
                        + reply.status() + " for its part of " + path);
            }
            all.addAll((ArrayNode) part);
        }
        return all;
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
        if (l.isDropShip()) {
            row.put("dropShipOrderId", l.dropShipOrderId());
            row.put("dropShipLineId", l.dropShipLineId());
        }
        return row;
    }

    private HttpResponse<?> guarded(final HttpRequest<?> request, final Supplier<Object> read) {
        try {
            final Object body = read.get();
            if (body instanceof HttpResponse<?> answered) {
                return answered;
            }
            return body == null
                    ? ProblemResponses.of(HttpStatus.NOT_FOUND, "sku-not-found", "No such SKU",
                    "backorder-processor has no plan for this SKU: no shortfall, stock level, offer or purchase order "
                            + "has named it", request.getPath())
                    : HttpResponse.ok(body);
        } catch (final InvalidStateStoreException e) {
            return ProblemResponses.unavailable(request.getPath(), "the stores are not ready (" + e.getMessage()
                    + ")", retryAfterSeconds);
        } catch (final OwnerUnavailableException e) {
            return ProblemResponses.unavailable(request.getPath(), e.getMessage(), retryAfterSeconds);
        }
    }
}
