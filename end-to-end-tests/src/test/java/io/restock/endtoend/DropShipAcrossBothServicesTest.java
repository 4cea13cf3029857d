package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.BackorderAllocated;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.DropShipLine;
import io.restock.events.DropShipStatus;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineRejected;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.RejectionReason;
import io.restock.events.StockShortfall;
import io.restock.schemas.deadletter.DeadLetters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drop-ship end to end through both real topologies (issue 12, finding 10; DOMAIN.md rule 8): a line whose
 * next supplier drop-ships leaves the SKU's queue for that supplier's delivery, is dated from the supplier,
 * re-dated by its answers, shipped by its shipment notice, and never counts as on-hand; a rejection puts it
 * back in the queue. Supplier {@code ds} drop-ships (lead 4 days, MOQ 20, pack 10, the cheaper);
 * supplier {@code stock} does not (lead 10 days).
 */
class DropShipAcrossBothServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    private static final String SKU = "SKU-D";
    private static final int HANDLING = 1;

    private static TwoServices dropShipWorld(final Integer maxWaitDays) {
        final TwoServices services = new TwoServices(PromiseSettings.defaults(), T0, true);
        services.policy(SKU, maxWaitDays, 0, 0, HANDLING, true, T0);
        services.offer("ds", SKU, 4, "10.00", 20, 10, true, T0);
        services.offer("stock", SKU, 10, "12.00", 1, 1, false, T0);
        services.receive(SKU, 10, null, null, T0);
        return services;
    }

    private static <T> List<T> events(final TwoServices services, final Class<T> type) {
        return services.lineEvents().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static PurchaseOrderIssued dropShipOrder(final TwoServices services) {
        return services.purchaseOrderEvents().stream().filter(PurchaseOrderIssued.class::isInstance)
                .map(PurchaseOrderIssued.class::cast).filter(po -> po.getLines().getFirst().getDropShip())
                .findFirst().orElseThrow();
    }

    /** The drop-ship purchase order of O-1's units beyond stock: its id and its one line's. */
    private record DropShipOrder(String id, String lineId) {
    }

    /** O-1 orders 15 of the SKU: 10 come from stock, the other 5 are ordered from supplier ds to drop-ship. */
    private static DropShipOrder orderBeyondStock(final TwoServices services) {
        services.order("O-1", SKU, 15, 0, T0.plusSeconds(60));
        final PurchaseOrderIssued po = dropShipOrder(services);
        return new DropShipOrder(po.getPurchaseOrderId(), po.getLines().getFirst().getLineId());
    }

    /** Supplier ds accepts the line's 5 units for {@code promised}, two hours after the start. */
    private static void acknowledged(final TwoServices services, final DropShipOrder ordered,
                                     final LocalDate promised) {
        services.acknowledge(ordered.id(), "ds", ordered.lineId(), 5, promised, T0.plus(Duration.ofHours(2)));
    }

    @Test
    void aLineTheChosenSupplierDropShipsLeavesTheQueueAndIsDatedFromTheSupplier() {
        try (TwoServices services = dropShipWorld(null)) {
            services.order("O-1", SKU, 15, 0, T0.plusSeconds(60));

            assertThat(events(services, LineAllocated.class)).singleElement()
                    .satisfies(a -> assertThat(a.getQuantity()).isEqualTo(10));
            assertThat(events(services, LineBackordered.class)).singleElement().satisfies(b -> {
                assertThat(b.getQuantity()).isEqualTo(5);
                assertThat(b.getDropShipSupplierId()).isEqualTo("ds");
                assertThat(b.getQueuePosition()).as("not in the SKU's queue").isZero();
                assertThat(b.getPromisedDate()).as("today + the supplier's lead time; it delivers to the customer")
                        .isEqualTo(DAY0.plusDays(4));
            });
            assertThat(services.level(SKU).getBackordered()).as("no unit waits for stock").isZero();
            assertThat(services.level(SKU).getOnOrder()).as("never on order as stock").isZero();
            assertThat(services.shortfalls()).singleElement().satisfies(s -> {
                assertThat(s.getDropShipLine().getOrderId()).isEqualTo("O-1");
                assertThat(s.getDropShipLine().getSupplierId()).isEqualTo("ds");
                assertThat(s.getSequence()).as("not part of the stock requirement").isNull();
            });

            final PurchaseOrderIssued po = dropShipOrder(services);
            assertThat(po.getSupplierId()).isEqualTo("ds");
            final PurchaseOrderLine line = po.getLines().getFirst();
            assertThat(line.getQuantity()).as("the customer's quantity: no MOQ or pack rounding").isEqualTo(5);
            assertThat(line.getDropShipOrderId()).isEqualTo("O-1");
            assertThat(line.getDropShipLineId()).isEqualTo("1");
            assertThat(line.getRequestedDate()).isEqualTo(DAY0.plusDays(4));
            services.closeBatches(T0.plusSeconds(60));
            assertThat(services.purchaseOrderEvents()).filteredOn(PurchaseOrderIssued.class::isInstance)
                    .as("no stock order: nothing waits for stock").hasSize(1);

            assertThat(services.supply(SKU).getInbound()).as("a drop-ship line is never inbound stock").isEmpty();
            assertThat(services.supply(SKU).getDropShipLines()).singleElement().satisfies(d -> {
                assertThat(d.getStatus()).isEqualTo(DropShipStatus.ORDERED);
                assertThat(d.getPurchaseOrderId()).isEqualTo(po.getPurchaseOrderId());
            });
        }
    }

    @Test
    void aDropShippedLineNeverCountsAsOnHand() {
        try (TwoServices services = dropShipWorld(null)) {
            services.order("O-1", SKU, 15, 0, T0.plusSeconds(60));
            services.receive(SKU, 7, null, null, T0.plusSeconds(120));

            assertThat(events(services, BackorderAllocated.class)).as("a receipt never serves a drop-ship line")
                    .isEmpty();
            assertThat(services.level(SKU).getOnHand()).isEqualTo(17);
            assertThat(services.level(SKU).getAvailable()).isEqualTo(7);

            final PurchaseOrderIssued po = dropShipOrder(services);
            final String lineId = po.getLines().getFirst().getLineId();
            services.ship(po.getPurchaseOrderId(), "ds", lineId, 5, DAY0.plusDays(3), T0.plus(Duration.ofDays(2)));

            assertThat(services.level(SKU).getOnHand()).as("the units went from the supplier to the customer")
                    .isEqualTo(17);
            assertThat(services.level(SKU).getAvailable()).isEqualTo(7);
        }
    }

    @Test
    void aReceiptAgainstADropShipLineIsDeadLetteredWithItsReason() {
        try (TwoServices services = dropShipWorld(null)) {
            final DropShipOrder ordered = orderBeyondStock(services);

            services.receive(SKU, 5, ordered.id(), ordered.lineId(), T0.plus(Duration.ofDays(3)));

            final List<TestRecord<byte[], byte[]>> dead = services.deadLetteredMovements();
            assertThat(dead).singleElement().satisfies(r -> assertThat(new String(
                    r.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                    .startsWith("RECEIPT_AGAINST_DROP_SHIP_LINE"));
            assertThat(services.level(SKU).getOnHand()).as("the receipt was not applied").isEqualTo(10);
        }
    }

    @Test
    void theSuppliersPromisedDateRedatesTheDropShippedLine() {
        try (TwoServices services = dropShipWorld(null)) {
            final DropShipOrder ordered = orderBeyondStock(services);

            acknowledged(services, ordered, DAY0.plusDays(6));
            services.slip(ordered.id(), "ds", ordered.lineId(), DAY0.plusDays(8), T0.plus(Duration.ofHours(3)));

            assertThat(services.dateChanges()).extracting(DeliveryDateChanged::getOrderId,
                            DeliveryDateChanged::getPreviousDate, DeliveryDateChanged::getNewDate,
                            DeliveryDateChanged::getReason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("O-1", DAY0.plusDays(4), DAY0.plusDays(6),
                                    DateChangeReason.SUPPLIER_ACKNOWLEDGED),
                            org.assertj.core.groups.Tuple.tuple("O-1", DAY0.plusDays(6), DAY0.plusDays(8),
                                    DateChangeReason.PROMISED_DATE_CHANGED));
        }
    }

    @Test
    void theSuppliersShipmentNoticeShipsTheDropShippedLine() {
        try (TwoServices services = dropShipWorld(null)) {
            final DropShipOrder ordered = orderBeyondStock(services);
            acknowledged(services, ordered, DAY0.plusDays(4));

            services.ship(ordered.id(), "ds", ordered.lineId(), 5, DAY0.plusDays(4), T0.plus(Duration.ofDays(2)));
            services.ship(ordered.id(), "ds", ordered.lineId(), 5, DAY0.plusDays(4), T0.plus(Duration.ofDays(2)));

            assertThat(events(services, LineDropShipped.class)).as("told once, even for a repeated notice")
                    .singleElement().satisfies(d -> {
                        assertThat(d.getOrderId()).isEqualTo("O-1");
                        assertThat(d.getLineId()).isEqualTo("1");
                        assertThat(d.getQuantity()).isEqualTo(5);
                        assertThat(d.getSupplierId()).isEqualTo("ds");
                        assertThat(d.getPurchaseOrderId()).isEqualTo(ordered.id());
                    });
            assertThat(services.dateChanges()).as("the acknowledged date was the promised one").isEmpty();
            final List<String> ids = services.eventIds();
            assertThat(new HashSet<>(ids)).as("every event id is unique").hasSize(ids.size());
        }
    }

    @Test
    void aRejectedDropShipLineJoinsTheQueueAndIsDatedAndServedFromIt() {
        try (TwoServices services = dropShipWorld(null)) {
            final DropShipOrder ordered = orderBeyondStock(services);

            services.reject(ordered.id(), "ds", ordered.lineId(), T0.plus(Duration.ofHours(1)));

            assertThat(services.dateChanges()).singleElement().satisfies(d -> {
                assertThat(d.getOrderId()).isEqualTo("O-1");
                assertThat(d.getPreviousDate()).isEqualTo(DAY0.plusDays(4));
                assertThat(d.getNewDate()).as("the next supplier's lead time plus handling")
                        .isEqualTo(DAY0.plusDays(10 + HANDLING));
                assertThat(d.getReason()).isEqualTo(DateChangeReason.SUPPLIER_REJECTED);
            });
            assertThat(services.level(SKU).getBackordered()).as("the units wait in the queue now").isEqualTo(5);
            assertThat(services.shortfalls()).filteredOn(s -> s.getDropShipLine() == null)
                    .extracting(StockShortfall::getQuantity).containsExactly(5);
            services.closeBatches(T0.plus(Duration.ofHours(1)));
            final PurchaseOrderIssued stockOrder = services.purchaseOrderEvents().stream()
                    .filter(PurchaseOrderIssued.class::isInstance).map(PurchaseOrderIssued.class::cast)
                    .filter(o -> o.getSupplierId().equals("stock")).findFirst().orElseThrow();
            assertThat(stockOrder.getLines().getFirst().getDropShip()).isFalse();

            services.receive(SKU, 5, stockOrder.getPurchaseOrderId(), stockOrder.getLines().getFirst().getLineId(),
                    T0.plus(Duration.ofDays(10)));
            assertThat(events(services, BackorderAllocated.class)).singleElement()
                    .satisfies(f -> assertThat(f.getOrderId()).isEqualTo("O-1"));
            assertThat(events(services, LineDropShipped.class)).isEmpty();
            assertThat(services.supply(SKU).getDropShipLines()).extracting(DropShipLine::getStatus)
                    .as("listed once as rejected, then left out").doesNotContain(DropShipStatus.ORDERED);
        }
    }

    @Test
    void aDropShipDateBeyondTheMaximumWaitIsRejected() {
        try (TwoServices services = dropShipWorld(3)) {
            services.order("O-1", SKU, 15, 0, T0.plusSeconds(60));

            assertThat(events(services, LineRejected.class)).singleElement().satisfies(r -> {
                assertThat(r.getQuantity()).isEqualTo(5);
                assertThat(r.getReason()).isEqualTo(RejectionReason.WAIT_TOO_LONG);
            });
            assertThat(services.shortfalls()).as("nothing is ordered for a rejected line").isEmpty();
        }
    }
}
