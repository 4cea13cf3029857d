package io.restock.endtoend;

import io.restock.allocation.rules.PriorityRule;
import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.BackorderAllocated;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.InboundArrival;
import io.restock.events.InboundSupply;
import io.restock.events.LineBackordered;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.SkuSupply;
import io.restock.events.StockLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise across both real topologies (issue 12): random histories (fixed seeds) of orders of
 * random quantities over several SKUs, cancellations, receipts with and without a purchase order,
 * three suppliers with different lead times, minimums and pack sizes, acknowledgements, slips,
 * partial deliveries and rejections, under the shipped promise configuration (application.yml) with
 * its rule and with WEIGHTED. Suppliers deliver on their last promised dates. Checks:
 * <ul>
 *   <li>a line filled by a purchase-order delivery is filled on the last date it was told (at
 *       acceptance or by its last {@code DeliveryDateChanged}) minus the handling days; a line filled
 *       early by freed or unplanned stock is never filled later than told;</li>
 *   <li>no line is accepted with a date past its maximum wait; no date change is told of a line that
 *       no longer waits;</li>
 *   <li>at quiescence inventory-stream's on-order is the open purchase-order quantity plus the planned
 *       requirement, as backorder-processor's schedule counts it, and both services agree on stock:
 *       backorder-processor's available, allocated and backordered units are inventory-stream's level;</li>
 *   <li>every event id of every topic of both services is unique.</li>
 * </ul>
 */
class BothServicesPromisePropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final int HANDLING = 1;
    private static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3");
    /** Histories per rule, and their length: as wide as keeps the whole test near 30 s on the 2-core machine. */
    private static final int SEEDS = 4;
    private static final int DAYS = 12;

    static Stream<Object[]> seedsAndRules() throws java.io.IOException {
        final PromiseSettings shipped = PromiseConfigurationAgreementTest.settings(
                PromiseConfigurationAgreementTest.promises("inventory-stream"));
        @SuppressWarnings("unchecked")
        final Map<String, Object> weights = (Map<String, Object>) PromiseConfigurationAgreementTest
                .promises("inventory-stream").get("weights");
        final PromiseSettings weighted = shipped.withRule(PriorityRule.weighted(
                ((Number) weights.get("tier")).doubleValue(), ((Number) weights.get("value")).doubleValue(),
                ((Number) weights.get("waiting-per-day")).doubleValue()));
        final List<Object[]> cases = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            cases.add(new Object[]{seed, shipped});
            cases.add(new Object[]{seed, weighted});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seedsAndRules")
    void datesAreKeptOnOrderAddsUpAndEventIdsAreUnique(final long seed, final PromiseSettings promises) {
        final Random random = new Random(seed);
        try (TwoServices s = new TwoServices(promises, T0)) {
            for (final String sku : SKUS) {
                s.policy(sku, null, 0, 0, HANDLING, T0);
                s.offer("a", sku, 3, "12.00", 10, 5, T0);
                s.offer("b", sku, 7, "8.00", 1, 1, T0);
                s.offer("c", sku, 12, "15.00", 20, 10, T0);
                s.receive(sku, random.nextInt(10), null, null, T0);
            }
            final Set<String> acknowledged = new HashSet<>();
            final Set<String> poReceipts = new HashSet<>();
            final List<String> orders = new ArrayList<>();
            int order = 0;
            for (int day = 0; day < DAYS; day++) {
                final LocalDate today = T0.atZone(ZoneOffset.UTC).toLocalDate().plusDays(day);
                Instant now = today.atTime(8, 0).toInstant(ZoneOffset.UTC);
                // Suppliers deliver what is due today, on their last promised date (sometimes in two parts).
                for (final String sku : SKUS) {
                    final SkuSupply supply = s.supply(sku);
                    if (supply == null) {
                        continue;
                    }
                    for (final InboundSupply line : supply.getInbound()) {
                        if (line.getPurchaseOrderId() == null) {
                            continue;
                        }
                        final int due = dueBy(line, today);
                        if (due > 0) {
                            now = now.plusSeconds(30);
                            final int first = due > 1 && random.nextBoolean() ? due / 2 : due;
                            poReceipts.add(s.receive(sku, first, line.getPurchaseOrderId(), line.getLineId(), now));
                            if (first < due) {
                                now = now.plusSeconds(30);
                                poReceipts.add(s.receive(sku, due - first, line.getPurchaseOrderId(),
                                        line.getLineId(), now));
                            }
                        }
                    }
                }
                for (int step = 0; step < 6; step++) {
                    now = now.plus(Duration.ofMinutes(1 + random.nextInt(20)));
                    final int dice = random.nextInt(10);
                    final String sku = SKUS.get(random.nextInt(SKUS.size()));
                    if (dice < 6) {
                        final String orderId = "O" + order++;
                        orders.add(orderId);
                        s.order(orderId, sku, 1 + random.nextInt(12), random.nextInt(4), now);
                    } else if (dice < 8 && !orders.isEmpty()) {
                        s.cancel(orders.get(random.nextInt(orders.size())), now);
                    } else if (dice < 9) {
                        s.receive(sku, 1 + random.nextInt(5), null, null, now);
                    }
                }
                now = now.plus(Duration.ofMinutes(30));
                s.closeBatches(now);
                // Suppliers answer new lines: accept (sometimes slipping), or a and b sometimes reject.
                for (final Object e : s.purchaseOrderEvents()) {
                    if (e instanceof PurchaseOrderIssued po) {
                        for (final PurchaseOrderLine line : po.getLines()) {
                            final String key = po.getPurchaseOrderId() + "/" + line.getLineId();
                            if (!acknowledged.add(key)) {
                                continue;
                            }
                            now = now.plusSeconds(10);
                            if (!po.getSupplierId().equals("c") && random.nextInt(6) == 0) {
                                s.reject(po.getPurchaseOrderId(), po.getSupplierId(), line.getLineId(), now);
                            } else {
                                final LocalDate requested = line.getRequestedDate() != null ? line.getRequestedDate()
                                        : today.plusDays(7);
                                s.acknowledge(po.getPurchaseOrderId(), po.getSupplierId(), line.getLineId(),
                                        line.getQuantity(), requested.plusDays(random.nextInt(3)), now);
                                if (random.nextInt(4) == 0) {
                                    s.slip(po.getPurchaseOrderId(), po.getSupplierId(), line.getLineId(),
                                            requested.plusDays(2 + random.nextInt(4)), now.plusSeconds(5));
                                }
                            }
                        }
                    }
                }
            }

            checkDates(s, poReceipts, promises);
            for (final String sku : SKUS) {
                final StockLevel level = s.level(sku);
                final SkuSupply supply = s.supply(sku);
                if (level != null && supply != null) {
                    assertThat(level.getOnOrder()).as("on-order of %s", sku).isEqualTo(supply.getOnOrder());
                }
                if (level != null) {
                    assertThat(s.processorStock(sku)).as("backorder-processor's stock of %s (available, allocated, "
                            + "backordered) is inventory-stream's", sku).containsExactly(
                            Math.max(0, level.getAvailable()), level.getAllocated(), level.getBackordered());
                }
            }
            final List<String> ids = s.eventIds();
            final Set<String> seen = new HashSet<>();
            assertThat(ids.stream().filter(id -> !seen.add(id)).toList()).as("event ids used twice").isEmpty();
        }
    }

    private static int dueBy(final InboundSupply line, final LocalDate today) {
        int units = 0;
        for (final InboundArrival a : line.getArrivals()) {
            if (!a.getExpected().isAfter(today)) {
                units += a.getQuantity();
            }
        }
        return Math.max(0, units - line.getReceivedQuantity());
    }

    private static void checkDates(final TwoServices s, final Set<String> poReceipts, final PromiseSettings promises) {
        final Map<String, LocalDate> told = new HashMap<>();
        final Set<String> waiting = new HashSet<>();
        final List<Object> events = s.customerFacing;
        for (final Object e : events) {
            switch (e) {
                case LineBackordered b -> {
                    final LocalDate accepted = LocalDate.ofInstant(b.getOccurredAt(), promises.zone());
                    assertThat(b.getPromisedDate()).as("line %s accepted within the maximum wait", b.getOrderId())
                            .isBeforeOrEqualTo(accepted.plusDays(promises.defaultMaxWaitDays()));
                    told.put(b.getOrderId(), b.getPromisedDate());
                    waiting.add(b.getOrderId());
                }
                case DeliveryDateChanged c -> {
                    assertThat(waiting).as("a date change for a line that waits").contains(c.getOrderId());
                    assertThat(c.getPreviousDate()).isEqualTo(told.get(c.getOrderId()));
                    told.put(c.getOrderId(), c.getNewDate());
                }
                case BackorderAllocated f when f.getRemainingBackordered() == 0 -> {
                    waiting.remove(f.getOrderId());
                    final LocalDate filled = LocalDate.ofInstant(f.getOccurredAt(), promises.zone());
                    final LocalDate date = told.get(f.getOrderId());
                    final String cause = f.getEventId().substring(0, f.getEventId().indexOf('/'));
                    if (cause.startsWith("received") && poReceipts.contains(cause)) {
                        assertThat(filled.plusDays(HANDLING)).as("line %s filled by a delivery", f.getOrderId())
                                .isEqualTo(date);
                    } else {
                        assertThat(filled.plusDays(HANDLING)).as("line %s filled early", f.getOrderId())
                                .isBeforeOrEqualTo(date);
                    }
                }
                case io.restock.events.BackorderCancelled c -> waiting.remove(c.getOrderId());
                default -> {
                }
            }
        }
    }
}
