package io.restock.orderintake.view;

import io.restock.events.BackorderAllocated;
import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.events.Substitute;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderViewTest {

    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    static OrderPlaced placed(final ShippingPolicy policy) {
        return new OrderPlaced("e-0", T, "o-1", "shop-a", new Customer("c-1", null, CustomerTier.STANDARD, "en"), T,
                policy, null, "EUR", List.of(new OrderLine("1", "SKU-1", 15, BigDecimal.ONE),
                new OrderLine("2", "SKU-2", 1, BigDecimal.TEN)));
    }

    static OrderView order(final ShippingPolicy policy) {
        return OrderView.empty("o-1").applyPlaced(placed(policy), new Acceptance("o-1", "shop-a", "e-0",
                T.toEpochMilli(), "k", "h"));
    }

    static LineEvent allocated(final String line, final int quantity) {
        return new LineEvent(new LineAllocated("e", T.plusSeconds(1), "o-1", line, "SKU-" + line, quantity, quantity,
                ShippingPolicy.PARTIAL));
    }

    static LineEvent backordered(final String line, final int quantity, final LocalDate date) {
        return new LineEvent(new LineBackordered("e", T.plusSeconds(1), "o-1", line, "SKU-" + line, quantity, 15, 3,
                date, T, null, null, null, false));
    }

    /** PARTIAL: line 1 has 10 allocated and 5 backordered for 2026-12-04, line 2 is allocated whole. */
    static OrderView partialWithLineOneShort() {
        return order(ShippingPolicy.PARTIAL)
                .applyLineEvent(allocated("1", 10))
                .applyLineEvent(backordered("1", 5, LocalDate.parse("2026-12-04")))
                .applyLineEvent(allocated("2", 1));
    }

    @Test
    void aLineTheSupplierDropShippedIsShippedAndSurvivesTheBinaryForm() {
        final OrderView view = partialWithLineOneShort();
        assertThat(view.find("1").status(view.shipsNow())).isEqualTo(LineStatus.BACKORDERED);

        final OrderView shipped = view.applyLineEvent(new LineEvent(new LineDropShipped("e-ds", T.plusSeconds(9),
                "o-1", "1", "SKU-1", 5, "acme", "PO-acme-SKU-1-ds1")));
        final LineView line = shipped.find("1");
        assertThat(line.backordered()).isZero();
        assertThat(line.dropShipped()).isEqualTo(5);
        assertThat(line.status(shipped.shipsNow())).as("its allocated units still wait for the warehouse")
                .isEqualTo(LineStatus.READY_TO_SHIP);

        final OrderView onlyDropShipped = order(ShippingPolicy.PARTIAL)
                .applyLineEvent(backordered("2", 1, LocalDate.parse("2026-12-04")))
                .applyLineEvent(new LineEvent(new LineDropShipped("e-ds2", T.plusSeconds(9), "o-1", "2", "SKU-2", 1,
                        "acme", "PO-acme-SKU-2-ds1")));
        assertThat(onlyDropShipped.find("2").status(true)).isEqualTo(LineStatus.SHIPPED);
        final OrderView roundTrip = OrderViewSerde.read(new OrderViewSerde().serializer().serialize("t", onlyDropShipped));
        assertThat(roundTrip.find("2").dropShipped()).isEqualTo(1);
        assertThat(roundTrip.find("2").status(true)).isEqualTo(LineStatus.SHIPPED);
    }

    @Test
    void linesArePendingUntilInventoryDecides() {
        assertThat(order(ShippingPolicy.PARTIAL).lines()).extracting(l -> l.status(true))
                .containsExactly(LineStatus.PENDING, LineStatus.PENDING);
    }

    @Test
    void partialOrderShipsAllocatedLinesAndBackordersTheRemainderWithItsDate() {
        final OrderView view = partialWithLineOneShort();

        final LineView first = view.find("1");
        assertThat(first.status(view.shipsNow())).isEqualTo(LineStatus.BACKORDERED);
        assertThat(first.allocated()).isEqualTo(10);
        assertThat(first.backordered()).isEqualTo(5);
        assertThat(first.promisedDate()).isEqualTo("2026-12-04");
        assertThat(view.find("2").status(view.shipsNow())).isEqualTo(LineStatus.READY_TO_SHIP);
        assertThat(view.version()).isEqualTo(4);
        assertThat(view.updatedAtMillis()).isEqualTo(T.plusSeconds(1).toEpochMilli());
    }

    @Test
    void completeOrderKeepsAllocatedLinesUntilEveryLineIsWhole() {
        final OrderView waiting = order(ShippingPolicy.COMPLETE)
                .applyLineEvent(allocated("2", 1))
                .applyLineEvent(allocated("1", 10))
                .applyLineEvent(backordered("1", 5, LocalDate.parse("2026-12-04")));
        assertThat(waiting.find("2").status(waiting.shipsNow())).isEqualTo(LineStatus.ALLOCATED);

        final OrderView whole = waiting.applyLineEvent(new LineEvent(new BackorderAllocated("e", T.plusSeconds(9),
                "o-1", "1", "SKU-1", 5, 0, null)));

        assertThat(whole.lines()).extracting(l -> l.status(whole.shipsNow()))
                .containsExactly(LineStatus.READY_TO_SHIP, LineStatus.READY_TO_SHIP);
        assertThat(whole.find("1").allocated()).isEqualTo(15);
    }

    @Test
    void allocatedUnitsBackorderedAgainLeaveTheAllocatedCount() {
        final OrderView view = order(ShippingPolicy.PARTIAL)
                .applyLineEvent(allocated("1", 15))
                .applyLineEvent(backordered("1", 4, LocalDate.parse("2026-12-04")));

        final LineView line = view.find("1");
        assertThat(line.allocated()).isEqualTo(11);
        assertThat(line.backordered()).isEqualTo(4);
        assertThat(line.status(view.shipsNow())).isEqualTo(LineStatus.BACKORDERED);
    }

    @Test
    void deliveryDateChangesMoveThePromise() {
        final OrderView view = order(ShippingPolicy.PARTIAL)
                .applyLineEvent(backordered("1", 15, LocalDate.parse("2026-12-04")))
                .applyDateChange(new DeliveryDateChanged("e", T.plusSeconds(5), "o-1", "1", "SKU-1",
                        LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-09"),
                        DateChangeReason.PROMISED_DATE_CHANGED));

        assertThat(view.find("1").promisedDate()).isEqualTo("2026-12-09");
    }

    @Test
    void rejectedLineCarriesReasonAndSubstitutes() {
        final OrderView view = order(ShippingPolicy.PARTIAL).applyLineEvent(new LineEvent(new LineRejected("e",
                T.plusSeconds(1), "o-1", "2", "SKU-2", 1, RejectionReason.WAIT_TOO_LONG, "60 days",
                List.of(new Substitute("SKU-9", 4)))));

        final LineView line = view.find("2");
        assertThat(line.status(true)).isEqualTo(LineStatus.REJECTED);
        assertThat(line.rejectionReason()).isEqualTo("WAIT_TOO_LONG");
        assertThat(line.substitutes()).containsExactly(new LineView.SubstituteView("SKU-9", 4));
    }

    @Test
    void cancellationIsRequestedUntilInventoryReleasesTheStock() {
        OrderView view = order(ShippingPolicy.PARTIAL).applyLineEvent(allocated("2", 1))
                .applyCancellation(new OrderCancellationRequested("e", T.plusSeconds(2), "o-1", "shop-a", List.of("2"),
                        null));
        assertThat(view.find("2").status(true)).isEqualTo(LineStatus.CANCELLATION_REQUESTED);
        assertThat(view.find("1").status(true)).isEqualTo(LineStatus.PENDING);

        view = view.applyLineEvent(new LineEvent(new LineReleased("e", T.plusSeconds(3), "o-1", "2", "SKU-2", 1)));

        assertThat(view.find("2").status(true)).isEqualTo(LineStatus.CANCELLED);
    }

    @Test
    void lineEventsBeforeTheOrderAreKeptAndTheFirstOrderPlacedWins() {
        OrderView view = OrderView.empty("o-1").applyLineEvent(allocated("1", 15));
        assertThat(view.placed()).isFalse();

        view = view.applyPlaced(placed(ShippingPolicy.PARTIAL), new Acceptance("o-1", "shop-a", "e-0", 0, "k", "h"));
        final OrderView again = view.applyPlaced(placed(ShippingPolicy.COMPLETE),
                new Acceptance("o-1", "shop-b", "e-9", 0, "k2", "h2"));

        assertThat(view.find("1").ordered()).isEqualTo(15);
        assertThat(view.find("1").status(view.shipsNow())).isEqualTo(LineStatus.READY_TO_SHIP);
        assertThat(again).isEqualTo(view);
    }
}
