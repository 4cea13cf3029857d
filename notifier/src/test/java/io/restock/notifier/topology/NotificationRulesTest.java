package io.restock.notifier.topology;

import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.NotificationChannel;
import io.restock.events.RejectionReason;
import io.restock.events.ShippingPolicy;
import io.restock.notifier.decision.NotificationIds;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restock.notifier.topology.NotifierDriver.DAY0;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 10 on the real topology: what is told, when, and what is not told and why. */
class NotificationRulesTest {

    private static final Duration GROUPING = NotifierSettings.defaults().groupingWindow();
    private static final Duration COALESCING = NotifierSettings.defaults().coalescingWindow();

    @Test
    void backorderIsToldWithItsPromisedDateAfterTheGroupingWindow() {
        try (NotifierDriver d = new NotifierDriver()) {
            d.order("o1", "ann@example.com", "en", "1");
            final String cause = d.backordered("o1", "1", DAY0);

            d.advance(GROUPING.minusSeconds(2));
            assertThat(d.requests()).isEmpty();
            d.advance(Duration.ofSeconds(3));

            final List<NotificationRequested> requests = d.requests();
            assertThat(requests).hasSize(1);
            final NotificationRequested r = requests.getFirst();
            assertThat(r.getNotificationId()).isEqualTo(NotificationIds.of(List.of(cause)));
            assertThat(r.getKind()).isEqualTo("BACKORDER_OPENED");
            assertThat(r.getChannel()).isEqualTo("EMAIL");
            assertThat(r.getRecipient()).isEqualTo("ann@example.com");
            assertThat(r.getNotices()).singleElement().satisfies(n -> {
                assertThat(n.getDate()).isEqualTo(DAY0);
                assertThat(n.getQuantity()).isEqualTo(2);
            });
        }
    }

    @Test
    void aDateChangeOfZeroDaysIsNotTold() {
        try (NotifierDriver d = told()) {
            d.dateChanged("o1", "1", DAY0, DAY0);
            d.advance(COALESCING.plusSeconds(2));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .asString().startsWith("BELOW_THRESHOLD");
        }
    }

    @Test
    void aDateChangeOfTwoDaysIsToldOnceWithTheDateLastTold() {
        try (NotifierDriver d = told()) {
            d.dateChanged("o1", "1", DAY0, DAY0.plusDays(2));
            d.advance(COALESCING.plusSeconds(2));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getKind()).isEqualTo("DELIVERY_DATE_CHANGED");
                assertThat(r.getNotices().getFirst().getPreviousDate()).isEqualTo(DAY0);
                assertThat(r.getNotices().getFirst().getDate()).isEqualTo(DAY0.plusDays(2));
            });
            d.advance(COALESCING.plusSeconds(2));
            assertThat(d.requests()).isEmpty();
        }
    }

    @Test
    void withAThresholdOfThreeDaysATwoDayMoveIsNotTold() {
        try (NotifierDriver d = told(NotifierSettings.defaults().withThreshold(Duration.ofDays(3)))) {
            d.dateChanged("o1", "1", DAY0, DAY0.plusDays(2));
            d.advance(COALESCING.plusSeconds(2));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .asString().contains("moved 2 day(s)");
        }
    }

    @Test
    void threeChangesInTheWindowAreToldAsOneWithTheLastDate() {
        try (NotifierDriver d = told()) {
            final String a = d.dateChanged("o1", "1", DAY0, DAY0.plusDays(2));
            d.advance(Duration.ofMinutes(2));
            final String b = d.dateChanged("o1", "1", DAY0.plusDays(2), DAY0.plusDays(5));
            d.advance(Duration.ofMinutes(2));
            final String c = d.dateChanged("o1", "1", DAY0.plusDays(5), DAY0.plusDays(4));
            assertThat(d.requests()).isEmpty();
            d.advance(COALESCING);

            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getNotices()).singleElement().satisfies(n -> {
                    assertThat(n.getPreviousDate()).isEqualTo(DAY0);
                    assertThat(n.getDate()).isEqualTo(DAY0.plusDays(4));
                });
                assertThat(r.getCauseEventIds()).containsExactly(a, b, c);
            });
        }
    }

    @Test
    void changesThatComeBackToTheToldDateAreNotTold() {
        try (NotifierDriver d = told()) {
            d.dateChanged("o1", "1", DAY0, DAY0.plusDays(3));
            d.dateChanged("o1", "1", DAY0.plusDays(3), DAY0);
            d.advance(COALESCING.plusSeconds(2));
            assertThat(d.requests()).isEmpty();
        }
    }

    @Test
    void noticesAboutOneOrderThatArriveTogetherAreGroupedIntoOneNotification() {
        try (NotifierDriver d = new NotifierDriver()) {
            d.order("o1", "ann@example.com", "en", "1", "2", "3");
            d.backordered("o1", "1", DAY0);
            d.advance(Duration.ofSeconds(5));
            d.backordered("o1", "2", DAY0.plusDays(1));
            d.rejected("o1", "3", RejectionReason.WAIT_TOO_LONG, "sku-x", "sku-y");
            d.advance(GROUPING);

            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getNotices()).extracting(Notice::getKind, Notice::getLineId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BACKORDER_OPENED", "1"),
                        org.assertj.core.groups.Tuple.tuple("BACKORDER_OPENED", "2"),
                        org.assertj.core.groups.Tuple.tuple("REJECTED", "3"));
                assertThat(r.getNotices().get(2).getSubstitutes()).containsExactly("sku-x", "sku-y");
            });
        }
    }

    @Test
    void aWholeFillIsReadyToShipAndAPartialFillIsNotTold() {
        try (NotifierDriver d = told()) {
            d.allocated("o1", "1", 1, 1);
            d.allocated("o1", "1", 1, 0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().extracting(NotificationRequested::getKind).isEqualTo("READY_TO_SHIP");
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .asString().startsWith("PARTIAL_FILL");
        }
    }

    @Test
    void waitingUnitsTheWarehouseShippedAlreadyAreToldShippedNotReadyToShip() {
        try (NotifierDriver d = told()) {
            final String fill = d.allocatedByShipment("o1", "1", 3, 0, "mv-late");
            d.shipped("o1", "1", "mv-late");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> assertThat(r.getNotices())
                    .extracting(Notice::getKind).containsExactly("SHIPPED"));
            assertThat(d.suppressed()).singleElement().satisfies(s -> {
                assertThat(s.getReason()).isEqualTo("ALREADY_SHIPPED: told by the shipment mv-late");
                assertThat(s.getCauseEventIds()).containsExactly(fill);
            });
        }
    }

    @Test
    void aLineTheSupplierDropShippedIsToldShippedOnce() {
        try (NotifierDriver d = told()) {
            d.dropShipped("o1", "1");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getOrderId()).isEqualTo("o1");
                assertThat(r.getNotices()).singleElement().satisfies(n -> {
                    assertThat(n.getKind()).isEqualTo("SHIPPED");
                    assertThat(n.getLineId()).isEqualTo("1");
                    assertThat(n.getQuantity()).isEqualTo(3);
                });
            });
        }
    }

    @Test
    void aShipmentKeyedBySkuIsToldToTheOrderWithItsTrackingNumber() {
        try (NotifierDriver d = told()) {
            d.shipped("o1", "1");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getOrderId()).isEqualTo("o1");
                assertThat(r.getNotices().getFirst().getCarrier()).isEqualTo("DHL");
                assertThat(r.getNotices().getFirst().getTrackingNumber()).isEqualTo("TRACK-42");
            });
        }
    }

    @Test
    void aShipmentTheWarehouseReportedTwiceIsToldOnce() {
        try (NotifierDriver d = told()) {
            d.shipped("o1", "1", "mv-retried");
            d.advance(GROUPING.plusSeconds(1));
            d.shipped("o1", "1", "mv-retried");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().extracting(NotificationRequested::getKind).isEqualTo("SHIPPED");

            d.shipped("o1", "1", "mv-rest-of-the-line"); // another shipment of the line is news
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().extracting(NotificationRequested::getKind).isEqualTo("SHIPPED");
        }
    }

    @Test
    void aCancellationDropsTheLinesWaitingDateChangeAndClosesTheLine() {
        try (NotifierDriver d = told()) {
            d.dateChanged("o1", "1", DAY0, DAY0.plusDays(5));
            d.cancelled("o1", "1");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().extracting(NotificationRequested::getKind).isEqualTo("CANCELLED");
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .asString().startsWith("SUPERSEDED");

            d.dateChanged("o1", "1", DAY0, DAY0.plusDays(9));
            d.advance(COALESCING.plusSeconds(1));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .isEqualTo("LINE_CLOSED");
        }
    }

    @Test
    void anOptedOutCustomerIsToldNothingAndTheSuppressionIsAudited() {
        final NotifierSettings settings = NotifierSettings.defaults().withCustomers(
                Map.of("c-o1", new NotifierSettings.CustomerPreference(null, true)));
        try (NotifierDriver d = new NotifierDriver(settings)) {
            d.order("o1", "ann@example.com", "en", "1");
            final String cause = d.backordered("o1", "1", DAY0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().satisfies(s -> {
                assertThat(s.getReason()).isEqualTo("OPTED_OUT");
                assertThat(s.getCustomerId()).isEqualTo("c-o1");
                assertThat(s.getNotificationId()).isEqualTo(NotificationIds.of(List.of(cause)));
            });
        }
    }

    @Test
    void withoutAnEmailTheShopsWebhookIsUsedAndWithNeitherNothingIsSent() {
        final NotifierSettings settings = NotifierSettings.defaults().withShops(
                Map.of("shop-1", new NotifierSettings.ShopWebhook("http://shop.example/hook", "s3cret")));
        try (NotifierDriver d = new NotifierDriver(settings)) {
            d.order("o1", null, "en", "1");
            d.backordered("o1", "1", DAY0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getChannel()).isEqualTo(NotificationChannel.WEBHOOK.name());
                assertThat(r.getRecipient()).isEqualTo("http://shop.example/hook");
            });
        }
        try (NotifierDriver d = new NotifierDriver()) {
            d.order("o1", null, "en", "1");
            d.backordered("o1", "1", DAY0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .asString().startsWith("NO_CHANNEL");
        }
    }

    @Test
    void aDuplicateLineRejectionIsNotTold() {
        try (NotifierDriver d = told()) {
            d.rejected("o1", "1", RejectionReason.DUPLICATE_LINE);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).isEmpty();
            assertThat(d.suppressed()).singleElement().extracting(CustomerNotificationSuppressed::getReason)
                    .isEqualTo("DUPLICATE_LINE");
        }
    }

    /** An order whose line 1 was told backordered for DAY0; outputs drained. */
    private static NotifierDriver told() {
        return told(NotifierSettings.defaults());
    }

    private static NotifierDriver told(final NotifierSettings settings) {
        final NotifierDriver d = new NotifierDriver(settings);
        d.order("o1", "ann@example.com", "en", "1");
        d.backordered("o1", "1", DAY0);
        d.advance(GROUPING.plusSeconds(1));
        assertThat(d.requests()).hasSize(1);
        d.suppressed();
        return d;
    }

    @Test
    void aCompleteOrderIsToldReadyToShipOnceWhenTheWholeOrderIsReady() {
        try (NotifierDriver d = new NotifierDriver()) {
            d.completeOrder("o1", "ann@example.com", "en", "1", "2");
            d.backordered("o1", "1", DAY0);
            d.backordered("o1", "2", DAY0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).extracting(NotificationRequested::getKind).containsExactly("BACKORDER_OPENED");

            d.allocated("o1", "1", 2, 0);
            d.advance(GROUPING.plusSeconds(1));
            d.allocated("o1", "2", 2, 0);
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).as("a COMPLETE order's line is not told ready on its own").isEmpty();
            assertThat(d.suppressed()).extracting(CustomerNotificationSuppressed::getReason).asString()
                    .contains("COMPLETE_ORDER");

            final String whole = d.shipmentRequested("o1", ShippingPolicy.COMPLETE, "1", "2");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getKind()).isEqualTo("READY_TO_SHIP");
                assertThat(r.getNotices()).extracting(n -> n.getLineId()).containsExactlyInAnyOrder("1", "2");
                assertThat(r.getCauseEventIds()).containsExactly(whole);
            });
        }
    }

    @Test
    void aPartialOrderIsStillToldReadyToShipLineByLineAndItsShipmentRequestsTellNothing() {
        try (NotifierDriver d = new NotifierDriver()) {
            d.order("o1", "ann@example.com", "en", "1", "2");
            d.backordered("o1", "1", DAY0);
            d.advance(GROUPING.plusSeconds(1));
            d.requests();

            d.allocated("o1", "1", 2, 0);
            d.shipmentRequested("o1", ShippingPolicy.PARTIAL, "1");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).singleElement().satisfies(r -> {
                assertThat(r.getKind()).isEqualTo("READY_TO_SHIP");
                assertThat(r.getNotices()).extracting(n -> n.getLineId()).containsExactly("1");
            });
        }
    }

    @Test
    void aCompleteOrderAllInStockAtOrderTimeIsNotToldReadyToShip() {
        try (NotifierDriver d = new NotifierDriver()) {
            d.completeOrder("o1", "ann@example.com", "en", "1");
            d.shipmentRequested("o1", ShippingPolicy.COMPLETE, "1");
            d.advance(GROUPING.plusSeconds(1));
            assertThat(d.requests()).isEmpty();
        }
    }
}
