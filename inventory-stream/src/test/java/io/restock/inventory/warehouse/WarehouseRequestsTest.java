package io.restock.inventory.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.events.StockAdjusted;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.inventory.stock.StockView;
import io.restock.service.problem.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static WarehouseRequests.Parsed receipt(final String body) throws Exception {
        return WarehouseRequests.receipt(JSON.readTree(body), NOW);
    }

    @Test
    void aReceiptAgainstAPurchaseOrderLineUsesTheMovementIdAsEventId() throws Exception {
        final WarehouseRequests.Parsed parsed = receipt("""
                {"movementId": "m-1", "warehouseId": "wh", "sku": "s-1", "quantity": 4,
                 "purchaseOrderId": "po-1", "purchaseOrderLineId": "2"}""");
        final StockReceived r = (StockReceived) parsed.movement().getEvent();
        assertThat(r.getEventId()).isEqualTo("m-1");
        assertThat(r.getMovementId()).isEqualTo("m-1");
        assertThat(r.getOccurredAt()).isEqualTo(NOW);
        assertThat(r.getQuantity()).isEqualTo(4);
        assertThat(r.getPurchaseOrderId()).isEqualTo("po-1");
        assertThat(r.getPurchaseOrderLineId()).isEqualTo("2");
    }

    @Test
    void aPurchaseOrderLineNeedsItsPurchaseOrder() throws Exception {
        assertThat(receipt("{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s\", \"quantity\": 1,"
                + " \"purchaseOrderLineId\": \"2\"}").violations()).extracting(Violation::code)
                .containsExactly("requires-purchase-order");
    }

    @Test
    void theWarehouseTimeIsKeptWhenGiven() throws Exception {
        final StockMovement m = receipt("{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s\", \"quantity\": 1,"
                + " \"occurredAt\": \"2026-11-20T08:00:00Z\"}").movement();
        assertThat(((StockReceived) m.getEvent()).getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    }

    @Test
    void aRemovalBeyondTheAvailableUnitsIsRefusedUnlessItIsAReplay() throws Exception {
        final StockMovement removal = WarehouseRequests.adjustment(JSON.readTree(
                "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s\", \"delta\": -3, \"reason\": \"lost\"}"),
                NOW).movement();
        assertThat(((StockAdjusted) removal.getEvent()).getDelta()).isEqualTo(-3);
        assertThat(StockChecks.needsStock(removal)).isTrue();
        final StockView twoAvailable = new StockView("s", 5, 3, 2, 0, 0, 2, NOW.toString(), "x", false, null, null);
        assertThat(StockChecks.check(removal, Optional.of(twoAvailable))).map(Violation::code).contains("exceeds-available");
        final StockView replay = new StockView("s", 5, 3, 2, 0, 0, 2, NOW.toString(), "x", true, null, null);
        assertThat(StockChecks.check(removal, Optional.of(replay))).isEmpty();
        assertThat(StockChecks.check(removal, Optional.empty())).map(Violation::code).contains("exceeds-available");
    }

    @Test
    void aShipmentNamingNoKnownLineStateMayTakeAtMostTheAllocatedUnits() throws Exception {
        final StockMovement shipment = WarehouseRequests.shipment(JSON.readTree("""
                {"movementId": "m", "warehouseId": "wh", "sku": "s", "orderId": "o", "lineId": "1", "quantity": 3}"""),
                NOW).movement();
        assertThat(((StockShipped) shipment.getEvent()).getOrderId()).isEqualTo("o");
        final StockView threeAllocated = new StockView("s", 5, 3, 2, 0, 0, 2, NOW.toString(), "x", false, null, null);
        assertThat(StockChecks.check(shipment, Optional.of(threeAllocated))).isEmpty();
        final StockView twoAllocated = new StockView("s", 5, 2, 3, 0, 0, 3, NOW.toString(), "x", false, null, null);
        assertThat(StockChecks.check(shipment, Optional.of(twoAllocated))).map(Violation::code).contains("exceeds-line");
        assertThat(StockChecks.check(shipment, Optional.empty())).map(Violation::code).contains("unknown-sku");
    }

    @Test
    void aShipmentIsCheckedAgainstItsLineIncludingUnitsItsCancellationReleased() throws Exception {
        final StockMovement shipment = WarehouseRequests.shipment(JSON.readTree("""
                {"movementId": "m", "warehouseId": "wh", "sku": "s", "orderId": "o", "lineId": "1", "quantity": 3}"""),
                NOW).movement();
        final StockView cancelledLineReleasedThree = new StockView("s", 5, 0, 5, 0, 0, 5, NOW.toString(), "x", false,
                null, 3);
        assertThat(StockChecks.check(shipment, Optional.of(cancelledLineReleasedThree))).isEmpty();
        final StockView otherLinesHoldTheAllocation = new StockView("s", 9, 9, 0, 0, 0, 0, NOW.toString(), "x", false,
                null, 2);
        assertThat(StockChecks.check(shipment, Optional.of(otherLinesHoldTheAllocation))).map(Violation::code)
                .contains("exceeds-line");
    }

    @Test
    void aShipmentMayTakeTheUnitsItsLineStillWaitsForButNeverMoreThanOnHand() throws Exception {
        final StockMovement shipment = WarehouseRequests.shipment(JSON.readTree("""
                {"movementId": "m", "warehouseId": "wh", "sku": "s", "orderId": "o", "lineId": "1", "quantity": 3}"""),
                NOW).movement();
        // the line holds 1 unit and waits for 4: 5 open; 4 on hand, all allocated to lines
        final StockView lineOpenFive = new StockView("s", 4, 4, 0, 4, 0, 0, NOW.toString(), "x", false, null, 5);
        assertThat(StockChecks.check(shipment, Optional.of(lineOpenFive))).isEmpty();
        final StockView twoOnHand = new StockView("s", 2, 2, 0, 4, 0, -2, NOW.toString(), "x", false, null, 5);
        assertThat(StockChecks.check(shipment, Optional.of(twoOnHand))).map(Violation::code)
                .contains("exceeds-on-hand");
        final StockView lineOpenTwo = new StockView("s", 9, 9, 0, 1, 0, -1, NOW.toString(), "x", false, null, 2);
        assertThat(StockChecks.check(shipment, Optional.of(lineOpenTwo))).map(Violation::code)
                .contains("exceeds-line");
    }

    @Test
    void receiptsAndAdditionsNeedNoStockCheck() throws Exception {
        assertThat(StockChecks.needsStock(receipt(
                "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s\", \"quantity\": 1}").movement())).isFalse();
        assertThat(StockChecks.needsStock(WarehouseRequests.adjustment(JSON.readTree(
                "{\"movementId\": \"m\", \"warehouseId\": \"wh\", \"sku\": \"s\", \"delta\": 2, \"reason\": \"found\"}"),
                NOW).movement())).isFalse();
    }

    @Test
    void aBodyThatIsNotAnObjectIsInvalid() throws Exception {
        assertThat(receipt("[1, 2]").violations()).extracting(Violation::code).contains("not-an-object");
    }
}
