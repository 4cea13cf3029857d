package io.restock.kpis.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.figures.WindowFigures;
import io.restock.kpis.topology.KpiReads;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The KPIs on {@code /prometheus}, refreshed from the aggregator's stores every
 * {@code backorder-kpis.metrics.refresh} (5 s). Only the instance that holds the sums reports them; on the others
 * every KPI series reads NaN (so a sum over instances is never doubled). Names follow Prometheus: the unit last
 * ({@code _ratio}, {@code _seconds}, {@code _days}), {@code _total} on counters, the window as a label
 * ({@code window="1h"|"1d"|"all"}). The list with each computation is in backorder-kpis/README.md.
 */
@Singleton
public final class KpiMetrics {

    static final int TOP_SKUS = 10;

    private final KpiStreams streams;
    private final MeterRegistry registry;
    private final int topSkus;
    private final AtomicReference<KpiReport> latest = new AtomicReference<>();
    private final AtomicReference<List<KpiReport.OpenSku>> top = new AtomicReference<>(List.of());
    private final MultiGauge supplierOnTime;
    private final MultiGauge openBySku;
    private final Set<String> deadLetterTopics = ConcurrentHashMap.newKeySet();

    public KpiMetrics(final KpiStreams streams, final MeterRegistry registry,
                      @Value("${backorder-kpis.metrics.top-skus:10}") final int topSkus) {
        this.streams = streams;
        this.registry = registry;
        this.topSkus = topSkus;
        for (final String window : KpiReads.WINDOWS) {
            windowGauge("restock.backorder.rate.ratio", window, "lines backordered at order time / lines decided",
                    WindowFigures::backorderRate);
            windowGauge("restock.fill.rate.ratio", window, "units allocated at order time / units ordered",
                    WindowFigures::fillRate);
            windowGauge("restock.backorder.cancellation.rate.ratio", window,
                    "backordered lines cancelled / lines backordered at order time", WindowFigures::cancellationRate);
            windowGauge("restock.backorder.wait.mean.seconds", window,
                    "mean wait of filled backorders, opened to last unit allocated", WindowFigures::waitMeanSeconds);
            windowGauge("restock.backorder.wait.max.seconds", window, "longest wait of a filled backorder",
                    WindowFigures::waitMaxSeconds);
            quantileGauge(window, "0.5", WindowFigures::waitP50Seconds);
            quantileGauge(window, "0.9", WindowFigures::waitP90Seconds);
            windowGauge("restock.promise.kept.ratio", window,
                    "filled backorders filled on or before the date first promised / filled backorders",
                    WindowFigures::promiseKeptRatio);
            windowGauge("restock.promise.lateness.mean.days", window,
                    "days past the first promised date per filled backorder (0 when kept)",
                    WindowFigures::promiseMeanDaysLate);
        }
        allTimeCounter("restock.order.lines.decided", "order lines decided at order time", WindowFigures::linesDecided);
        allTimeCounter("restock.order.lines.backordered", "order lines backordered at order time",
                WindowFigures::linesBackordered);
        allTimeCounter("restock.order.units.ordered", "units ordered", WindowFigures::unitsOrdered);
        allTimeCounter("restock.order.units.allocated", "units allocated at order time",
                WindowFigures::unitsAllocatedAtOrder);
        allTimeCounter("restock.backorders.cancelled", "backordered lines cancelled", WindowFigures::backordersCancelled);
        allTimeCounter("restock.backorders.filled", "backordered lines filled", WindowFigures::backordersFilled);
        allTimeCounter("restock.purchase.orders.issued", "purchase orders issued", WindowFigures::purchaseOrdersIssued);
        allTimeCounter("restock.delivery.date.changes", "customer delivery dates moved", WindowFigures::dateChanges);
        level("restock.open.backorder.lines", "backordered lines still waiting", r -> r.openBackorders().lines());
        level("restock.open.backorder.units", "backordered units still waiting", r -> r.openBackorders().units());
        level("restock.open.backorder.value", "open units x unit price, in the orders' currencies",
                r -> r.openBackorders().value().doubleValue());
        level("restock.open.backorder.skus", "SKUs with backorders waiting", r -> r.openBackorders().skus());
        level("restock.purchase.orders.in.flight", "purchase orders issued and not yet received, cancelled or rejected",
                KpiReport::purchaseOrdersInFlight);
        supplierOnTime = MultiGauge.builder("restock.supplier.on.time.ratio")
                .description("purchase-order lines first received on or before the supplier's promised date / lines "
                        + "first received").register(registry);
        openBySku = MultiGauge.builder("restock.open.backorder.sku.value")
                .description("open backorder value of the top SKUs by value").register(registry);
    }

    /** The last report read, if this instance holds the sums. */
    public KpiReport latest() {
        return latest.get();
    }

    @Scheduled(fixedDelay = "${backorder-kpis.metrics.refresh:5s}", initialDelay = "2s")
    void refresh() {
        final KpiReads reads = streams.localReads().orElse(null);
        if (reads == null) {
            latest.set(null);
            top.set(List.of());
        } else {
            try {
                latest.set(reads.report(Instant.now()));
                top.set(reads.openBackorders(topSkus));
            } catch (final RuntimeException e) {
                latest.set(null);
                top.set(List.of());
            }
        }
        final KpiReport report = latest.get();
        final List<MultiGauge.Row<?>> suppliers = new ArrayList<>();
        final List<MultiGauge.Row<?>> skus = new ArrayList<>();
        if (report != null) {
            report.windows().forEach((window, figures) -> figures.supplierOnTime().forEach((supplier, onTime) -> {
                if (onTime.onTimeRatio() != null) {
                    suppliers.add(MultiGauge.Row.of(Tags.of("window", window, "supplier", supplier),
                            onTime.onTimeRatio()));
                }
            }));
            top.get().forEach(sku -> skus.add(MultiGauge.Row.of(Tags.of("sku", sku.sku()), sku.value().doubleValue())));
            report.windows().get("all").deadLetters().keySet().forEach(this::deadLetterCounter);
        }
        supplierOnTime.register(suppliers, true);
        openBySku.register(skus, true);
    }

    private void deadLetterCounter(final String topic) {
        if (deadLetterTopics.add(topic)) {
            FunctionCounter.builder("restock.dead.letters", latest, ref -> {
                final KpiReport report = ref.get();
                return report == null ? Double.NaN
                        : report.windows().get("all").deadLetters().getOrDefault(topic, 0L).doubleValue();
            }).description("records on a dead-letter topic").tag("topic", topic).register(registry);
        }
    }

    private void windowGauge(final String name, final String window, final String description,
                             final java.util.function.Function<WindowFigures, Double> figure) {
        Gauge.builder(name, latest, ref -> value(ref.get(), window, figure)).description(description)
                .tag("window", window).register(registry);
    }

    private void quantileGauge(final String window, final String quantile,
                               final java.util.function.Function<WindowFigures, Double> figure) {
        Gauge.builder("restock.backorder.wait.seconds", latest, ref -> value(ref.get(), window, figure))
                .description("wait of filled backorders at a quantile (HdrHistogram)")
                .tags("window", window, "quantile", quantile).register(registry);
    }

    private void allTimeCounter(final String name, final String description, final ToDoubleFunction<WindowFigures> f) {
        FunctionCounter.builder(name, latest, ref -> ref.get() == null ? Double.NaN
                : f.applyAsDouble(ref.get().windows().get("all"))).description(description).register(registry);
    }

    private void level(final String name, final String description, final ToDoubleFunction<KpiReport> f) {
        Gauge.builder(name, latest, ref -> ref.get() == null ? Double.NaN : f.applyAsDouble(ref.get()))
                .description(description).register(registry);
    }

    private static double value(final KpiReport report, final String window,
                                final java.util.function.Function<WindowFigures, Double> figure) {
        if (report == null) {
            return Double.NaN;
        }
        final Double v = figure.apply(report.windows().get(window));
        return v == null ? Double.NaN : v;
    }
}
