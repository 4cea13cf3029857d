package io.restock.demo.supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.demo.catalog.Catalog;
import io.restock.demo.warehouse.Warehouse;
import io.restock.demo.sim.JsonHttp;
import io.restock.demo.sim.SimClock;
import io.restock.schemas.suppliers.SupplierOrderBook;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suppliers' side of the world: what a supplier does with a purchase order, whichever channel brought it
 * ({@code restock.purchase-order-event.v1} JSON). Answers go to supplier-gateway's HTTP API with the supplier's
 * own API key. Per order, in simulated days after it was issued: ~10% are rejected (the next supplier gets the
 * demand); the rest are acknowledged with each line's promised date (issue day + the offer's lead time); ~30%
 * slip by 2-4 days a day later; goods are dispatched two days before the promise, ~30% in two partial
 * shipments, and the {@link Warehouse} receives each shipment against its purchase-order line when it arrives.
 * Amendments and cancellations are applied to what is not shipped yet.
 */
public final class SupplierWorld {

    /** One supplier: its id and API key. */
    public record Supplier(String id, String apiKey) {
    }

    /** A line as this supplier knows it: what Restock ordered, and what the supplier promised and shipped. */
    private static final class PoLine extends SupplierOrderBook.Line {
        /** Simulated day the supplier promised; NaN before the acknowledgement. */
        volatile double promisedDay = Double.NaN;
        volatile int shipped;

        PoLine(final String lineId, final String sku, final int quantity) {
            super(lineId, sku, quantity);
        }

        boolean open() {
            return !cancelled() && !Double.isNaN(promisedDay) && quantity() - shipped > 0;
        }
    }

    private record Po(String id, Supplier supplier, double issuedDay, Map<String, PoLine> lines) {
    }

    private final Catalog catalog;
    private final SimClock clock;
    private final JsonHttp http;
    private final URI gateway;
    private final Warehouse warehouse;
    private final ScheduledExecutorService scheduler;
    private final Random random;
    private final Instant runStart;
    private final SupplierOrderBook<PoLine> orders = new SupplierOrderBook<>(
            (lineId, sku, quantity, dropShip) -> new PoLine(lineId, sku, quantity));
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong answersRefused = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong slips = new AtomicLong();
    private final AtomicLong shipments = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();

    public SupplierWorld(final Catalog catalog, final SimClock clock, final JsonHttp http, final URI gateway,
                         final Warehouse warehouse, final ScheduledExecutorService scheduler, final long seed,
                         final Instant runStart) {
        this.catalog = catalog;
        this.clock = clock;
        this.http = http;
        this.gateway = gateway;
        this.warehouse = warehouse;
        this.scheduler = scheduler;
        this.random = new Random(seed);
        this.runStart = runStart;
    }

    /**
     * A purchase-order document arrived for this supplier: applied once per event id (documents from before the
     * run are left alone); a new order gets its answers scheduled.
     */
    public void onDocument(final Supplier supplier, final JsonNode doc) {
        if (Instant.parse(doc.path("occurredAt").asText()).isBefore(runStart)) {
            return;
        }
        if (orders.apply(doc, order -> issued(supplier, order))) {
            received.incrementAndGet();
        }
    }

    private void issued(final Supplier supplier, final SupplierOrderBook.Order<PoLine> order) {
        final Po po = new Po(order.id(), supplier, clock.today(), order.lines());
        final double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        at(po.issuedDay() + 0.2, roll < 0.10 ? () -> reject(po) : () -> acknowledge(po));
    }

    private void reject(final Po po) {
        final Map<String, Object> body = Map.of("messageId", nextMessageId(po), "decision", "REJECT",
                "reason", "no capacity this month");
        if (answer(po, "acknowledgements", body)) {
            rejections.incrementAndGet();
        }
    }

    private void acknowledge(final Po po) {
        final List<Map<String, Object>> lines = new ArrayList<>();
        for (final PoLine line : po.lines().values()) {
            if (line.cancelled()) {
                continue;
            }
            final Catalog.Offer offer = catalog.offer(po.supplier().id(), line.sku());
            line.promisedDay = po.issuedDay() + (offer == null ? 7 : offer.leadTimeDays());
            lines.add(Map.of("lineId", line.lineId(), "acceptedQuantity", line.quantity(),
                    "promisedDate", clock.serviceDate(line.promisedDay).toString()));
        }
        if (lines.isEmpty()) {
            return;
        }
        if (!answer(po, "acknowledgements", Map.of("messageId", nextMessageId(po), "decision", "ACCEPT", "lines", lines))) {
            return;
        }
        final boolean slip;
        synchronized (random) {
            slip = random.nextDouble() < 0.30;
        }
        if (slip) {
            at(clock.today() + 1, () -> slip(po));
        }
        // One shipment per promised day, dispatched two days before it (after the slip, if any).
        final Map<Long, List<PoLine>> byDay = new java.util.TreeMap<>();
        po.lines().values().stream().filter(PoLine::open)
                .forEach(l -> byDay.computeIfAbsent((long) Math.floor(l.promisedDay), d -> new ArrayList<>()).add(l));
        int n = 0;
        for (final Map.Entry<Long, List<PoLine>> group : byDay.entrySet()) {
            final String shipmentId = po.id() + "-S" + (++n);
            at(Math.max(group.getKey() - 2, po.issuedDay() + 1.5), () -> ship(po, group.getValue(), shipmentId, true));
        }
    }

    private void slip(final Po po) {
        final List<Map<String, Object>> lines = new ArrayList<>();
        for (final PoLine line : po.lines().values()) {
            if (line.open() && line.shipped == 0) {
                final int days;
                synchronized (random) {
                    days = 2 + random.nextInt(3);
                }
                line.promisedDay += days;
                lines.add(Map.of("lineId", line.lineId(), "promisedDate", clock.serviceDate(line.promisedDay).toString()));
            }
        }
        if (!lines.isEmpty() && answer(po, "promised-dates", Map.of("messageId", nextMessageId(po), "lines", lines))) {
            slips.incrementAndGet();
        }
    }

    private void ship(final Po po, final List<PoLine> group, final String shipmentId, final boolean first) {
        final boolean split;
        synchronized (random) {
            split = first && random.nextDouble() < 0.30;
        }
        final List<Map<String, Object>> lines = new ArrayList<>();
        final Map<PoLine, Integer> quantities = new LinkedHashMap<>();
        double arrival = clock.today() + 0.5;
        for (final PoLine line : group) {
            if (!line.open()) {
                continue;
            }
            final int left = line.quantity() - line.shipped;
            final int quantity = split && left > 1 ? left / 2 : left;
            quantities.put(line, quantity);
            lines.add(Map.of("lineId", line.lineId(), "quantity", quantity));
            arrival = Math.max(arrival, split ? line.promisedDay - 1 : line.promisedDay);
        }
        if (lines.isEmpty()) {
            return;
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", nextMessageId(po));
        body.put("shipmentId", shipmentId);
        body.put("expectedArrival", clock.serviceDate(arrival).toString());
        body.put("carrier", po.supplier().id().equals(Catalog.KAFKA_SUPPLIER) ? "ACME Freight" : "Bright Logistics");
        body.put("trackingNumber", "TRK-" + shipmentId);
        body.put("lines", lines);
        if (!answer(po, "shipments", body)) {
            return;
        }
        shipments.incrementAndGet();
        final double arrivalDay = arrival;
        quantities.forEach((line, quantity) -> {
            line.shipped += quantity;
            warehouse.expectDelivery(po.id(), line.lineId(), line.sku(), quantity, shipmentId, arrivalDay + 0.3);
        });
        if (split) {
            at(clock.today() + 2, () -> ship(po, group, shipmentId + "b", false));
        }
    }

    private boolean answer(final Po po, final String what, final Map<String, Object> body) {
        final JsonHttp.Answer answer = http.post(gateway.resolve("/purchase-orders/" + po.id() + "/" + what),
                Map.of("Authorization", "Bearer " + po.supplier().apiKey()), body);
        if (answer.ok()) {
            answers.incrementAndGet();
            return true;
        }
        answersRefused.incrementAndGet();
        return false;
    }

    private String nextMessageId(final Po po) {
        return po.id() + "-m" + messageIds.incrementAndGet();
    }

    private void at(final double simDay, final Runnable action) {
        scheduler.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                answersRefused.incrementAndGet();
            }
        }, clock.until(simDay).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counters: documents received, answers accepted / refused, rejections, slips, shipments. */
    public record Stats(long documents, long answers, long answersRefused, long rejections, long slips, long shipments) {
    }

    public Stats stats() {
        return new Stats(received.get(), answers.get(), answersRefused.get(), rejections.get(), slips.get(),
                shipments.get());
    }
}
