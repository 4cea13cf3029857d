package io.restock.inventory.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.CustomerTier;
import io.restock.events.LineBackordered;
import io.restock.events.ShippingPolicy;
import io.restock.inventory.internal.SkuState;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static io.restock.inventory.topology.InventoryDriver.T0;
import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 7: a line cancelled after its shipment request. The warehouse is told
 * ({@code ShipmentRequestRevoked}), and a shipment that raced the cancellation is accounted without
 * losing a unit: the units come off on-hand, and units re-offered meanwhile go back to backorder,
 * lowest priority first.
 */
class CancellationAfterShipmentRequestTest {

    @AutoClose
    private final InventoryDriver inventory = new InventoryDriver();

    @Test
    void aCancellationAfterAShipmentRequestRevokesTheRequestedUnits() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 4));
        assertThat(inventory.shipments()).hasSize(1);

        inventory.cancel("o-1", "1");

        assertThat(inventory.revocations()).extracting(InventoryDriver::revoked)
                .containsExactly("o-1/1:4:CANCELLED");
        assertThat(inventory.shipments()).isEmpty();
    }

    @Test
    void aCancelledLineOfACompleteOrderIsRevokedOnlyOnceItsWholeOrderRequestWentOut() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", ShippingPolicy.COMPLETE, CustomerTier.STANDARD, null, line("1", "sku-a", 3),
                line("2", "sku-a", 2));
        assertThat(inventory.shipments()).singleElement().satisfies(s -> assertThat(s.getLines()).hasSize(2));

        inventory.cancel("o-1", "2");

        assertThat(inventory.revocations()).extracting(InventoryDriver::revoked)
                .containsExactly("o-1/2:2:CANCELLED");
    }

    @Test
    void aShipmentOfACancelledLinesUnitsTakesThemOffOnHandInsteadOfBeingDeadLettered() {
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.order("o-1", line("1", "sku-a", 6));
        inventory.cancel("o-1", "1").drain();

        inventory.ship("sku-a", "o-1", "1", 6);

        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).isEmpty();
        final SkuState book = inventory.book("sku-a");
        assertThat(book.getOnHand()).as("the 6 units left the warehouse").isEqualTo(4);
        assertThat(book.getAllocated()).isZero();
        assertThat(inventory.lineEvents()).isEmpty();
        // the cancelled line's units are accounted once: a second shipment of them is refused
        inventory.ship("sku-a", "o-1", "1", 1);
        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).hasSize(1);
        assertThat(inventory.book("sku-a").getOnHand()).isEqualTo(4);
    }

    @Test
    void reofferedUnitsGoBackToBackorderLowestPriorityFirstWhenTheCancelledLineShipsAnyway() {
        // 10 in stock: o-1 takes 6, o-2 takes 4, o-3 waits for 5.
        inventory.sku("sku-a").receive("sku-a", 10);
        inventory.at(T0.plusSeconds(1)).order("o-1", line("1", "sku-a", 6));
        inventory.at(T0.plusSeconds(2)).order("o-2", line("1", "sku-a", 4));
        inventory.at(T0.plusSeconds(3)).order("o-3", line("1", "sku-a", 5));
        inventory.at(T0.plusSeconds(4)).order("o-4", line("1", "sku-a", 1));
        // o-1 cancels: its 6 units go to o-3 (5) and o-4 (1) at once.
        inventory.at(T0.plusSeconds(10)).cancel("o-1", "1");
        assertThat(inventory.lineEvents()).filteredOn(BackorderAllocated.class::isInstance)
                .map(e -> ((BackorderAllocated) e).getOrderId() + ":" + ((BackorderAllocated) e).getQuantity())
                .containsExactly("o-3:5", "o-4:1");
        inventory.revocations();

        // The warehouse had picked o-1's 6 units before it read the revocation, and ships them.
        inventory.at(T0.plusSeconds(20)).ship("sku-a", "o-1", "1", 6);

        final SkuState book = inventory.book("sku-a");
        assertThat(book.getOnHand()).as("10 received - 6 shipped").isEqualTo(4);
        assertThat(book.getAllocated()).as("o-2 keeps its 4").isEqualTo(4);
        assertThat(book.getBackordered()).as("o-4's 1 and o-3's 5 wait again").isEqualTo(6);
        assertThat(inventory.lineEvents()).filteredOn(LineBackordered.class::isInstance)
                .map(e -> ((LineBackordered) e).getOrderId() + ":" + ((LineBackordered) e).getQuantity())
                .containsExactly("o-4:1", "o-3:5");
        assertThat(inventory.revocations()).extracting(InventoryDriver::revoked)
                .containsExactly("o-4/1:1:RETURNED_TO_BACKORDER", "o-3/1:5:RETURNED_TO_BACKORDER");
        assertThat(inventory.deadLetters(Topics.STOCK_MOVEMENTS.name())).isEmpty();

        // The next receipt serves them in priority order again: o-3 first.
        inventory.at(T0.plusSeconds(30)).receive("sku-a", 5);
        assertThat(inventory.lineEvents()).filteredOn(BackorderAllocated.class::isInstance)
                .map(e -> ((BackorderAllocated) e).getOrderId() + ":" + ((BackorderAllocated) e).getQuantity())
                .containsExactly("o-3:5");
    }
}
