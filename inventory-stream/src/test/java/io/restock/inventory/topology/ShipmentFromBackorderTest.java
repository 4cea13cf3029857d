package io.restock.inventory.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.CustomerTier;
import io.restock.events.LineBackordered;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restock.inventory.topology.InventoryDriver.T0;
import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse's shipment record, through inventory-stream's whole topology, to the events: a shipment of more units
 * than the line has allocated, within what the line still wants, is a physical fact and is applied. The line waits for
 * fewer ({@code BackorderAllocated} naming the shipment), no shipment request follows for those units, the
 * lowest-priority holders give back what on hand no longer covers ({@code LineBackordered} and
 * {@code ShipmentRequestRevoked} {@code RETURNED_TO_BACKORDER}); beyond the line's open units or on hand it is
 * dead-lettered with the reason.
 */
class ShipmentFromBackorderTest {

    private final InventoryDriver inventory = new InventoryDriver();

    @AfterEach
    void close() {
        inventory.close();
    }

    private static String requested(final ShipmentRequested r) {
        return r.getOrderId() + ":" + r.getLines().stream().map(l -> l.getLineId() + "x" + l.getQuantity()).toList();
    }

    private static String header(final TestRecord<String, byte[]> record, final String name) {
        return DeadLetters.header(record.headers(), name).orElseThrow();
    }

    private LineState openLine(final String orderId) {
        return inventory.lines("sku-a").stream().filter(l -> l.getOrderId().equals(orderId)).findFirst().orElseThrow();
    }

    /**
     * 10 in stock: o-1 takes 6, o-2 takes 4, o-3 waits for 5; o-1 cancels, its units go to o-3 (5), and o-3's request
     * goes out; the warehouse ships o-1's 6 anyway, so o-3's 5 go back to backorder and its request is revoked.
     */
    private void o3TakenBack(final ShippingPolicy o3Policy) {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.at(T0.plusSeconds(1)).order("o-1", line("1", "sku-a", 6));
        inventory.at(T0.plusSeconds(2)).order("o-2", line("1", "sku-a", 4));
        inventory.at(T0.plusSeconds(3)).order("o-3", o3Policy, CustomerTier.STANDARD, null, line("1", "sku-a", 5));
        inventory.at(T0.plusSeconds(10)).cancel("o-1", "1");
        assertThat(inventory.shipments()).extracting(ShipmentFromBackorderTest::requested).contains("o-3:[1x5]");
        inventory.at(T0.plusSeconds(20)).ship("sku-a", "o-1", "1", 6);
        assertThat(inventory.revocations()).extracting(InventoryDriver::revoked)
                .contains("o-3/1:5:RETURNED_TO_BACKORDER");
        inventory.drain();
    }

    @Test
    void aShipmentOfUnitsTakenBackFromTheLineIsAcceptedAndTheLineWaitsForFewer() {
        o3TakenBack(ShippingPolicy.PARTIAL);

        // The warehouse had picked o-3's request before it read the revocation: 3 of those units left the shelf.
        inventory.at(T0.plusSeconds(30)).ship("sku-a", "o-3", "1", 3, "mv-o3-late");

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).isEmpty();
        final List<Object> events = inventory.lineEvents();
        assertThat(events).filteredOn(BackorderAllocated.class::isInstance).map(BackorderAllocated.class::cast)
                .singleElement().satisfies(f -> {
                    assertThat(f.getOrderId() + "/" + f.getLineId()).isEqualTo("o-3/1");
                    assertThat(f.getQuantity()).as("shipped from its backorder").isEqualTo(3);
                    assertThat(f.getRemainingBackordered()).as("it waits for fewer").isEqualTo(2);
                    assertThat(f.getShipmentMovementId()).isEqualTo("mv-o3-late");
                    assertThat(f.getEventId()).endsWith("/backorder-shipped/o-3/1");
                });
        assertThat(events).filteredOn(LineBackordered.class::isInstance)
                .extracting(e -> ((LineBackordered) e).getOrderId() + ":" + ((LineBackordered) e).getQuantity())
                .as("on hand 1 no longer covers o-2's 4: o-2 gives 3 back").containsExactly("o-2:3");
        assertThat(inventory.revocations()).extracting(InventoryDriver::revoked)
                .containsExactly("o-2/1:3:RETURNED_TO_BACKORDER");
        assertThat(inventory.shipments()).as("no shipment request for units already gone").isEmpty();
        final SkuState book = inventory.book("sku-a");
        assertThat(book.getOnHand()).as("10 received - 6 - 3 shipped").isEqualTo(1);
        assertThat(book.getAllocated()).as("o-2 keeps 1").isEqualTo(1);
        assertThat(book.getBackordered()).as("o-3 waits for 2, o-2 for 3").isEqualTo(5);
        assertThat(openLine("o-3").getBackordered()).isEqualTo(2);
        assertThat(openLine("o-3").getAllocated()).isZero();
        assertThat(inventory.stockLevels()).last().satisfies(l -> {
            assertThat(l.getOnHand()).isEqualTo(1);
            assertThat(l.getBackordered()).isEqualTo(5);
        });

        // The next receipt serves the queue in priority order, and asks the warehouse for exactly those units.
        inventory.at(T0.plusSeconds(40)).receive("sku-a", 5);
        assertThat(inventory.shipments()).extracting(ShipmentFromBackorderTest::requested)
                .containsExactly("o-2:[1x3]", "o-3:[1x2]");
    }

    @Test
    void aCompleteOrdersLineShippedFromItsBackorderIsRequestedOnlyForWhatItStillWaitsFor() {
        o3TakenBack(ShippingPolicy.COMPLETE);

        // 4 on hand: the warehouse had picked 4 of o-3's whole-order request before it was revoked.
        inventory.at(T0.plusSeconds(30)).ship("sku-a", "o-3", "1", 4, "mv-o3-four");

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).isEmpty();
        assertThat(inventory.lineEvents()).filteredOn(BackorderAllocated.class::isInstance)
                .extracting(e -> ((BackorderAllocated) e).getShipmentMovementId()).containsExactly("mv-o3-four");
        assertThat(inventory.shipments()).as("o-3 still waits for 1: not whole, and its 4 are gone").isEmpty();

        // The next 5: o-2 takes back its 4, o-3 its last 1; o-3 is whole again and only that unit is requested.
        inventory.at(T0.plusSeconds(40)).receive("sku-a", 5);
        assertThat(inventory.shipments()).extracting(ShipmentFromBackorderTest::requested)
                .containsExactly("o-2:[1x4]", "o-3:[1x1]");
    }

    @Test
    void aShipmentBeyondTheLinesOpenQuantityIsRefused() {
        o3TakenBack(ShippingPolicy.PARTIAL);

        inventory.at(T0.plusSeconds(30)).ship("sku-a", "o-3", "1", 6);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetters.ERROR_MESSAGE))
                        .startsWith("SHIPMENT_EXCEEDS_LINE: line o-3/1 has 0 units allocated and 5 backordered, 6"));
        assertThat(inventory.lineEvents()).isEmpty();
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(4);
        assertThat(openLine("o-3").getBackordered()).isEqualTo(5);
    }

    @Test
    void aShipmentBeyondOnHandIsRefused() {
        o3TakenBack(ShippingPolicy.PARTIAL);

        inventory.at(T0.plusSeconds(30)).ship("sku-a", "o-3", "1", 5);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).singleElement()
                .satisfies(r -> assertThat(header(r, DeadLetters.ERROR_MESSAGE)).startsWith("SHIPMENT_EXCEEDS_ON_HAND"));
        assertThat(inventory.lineEvents()).isEmpty();
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(4);
    }
}
