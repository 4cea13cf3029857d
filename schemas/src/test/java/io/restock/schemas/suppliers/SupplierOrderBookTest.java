package io.restock.schemas.suppliers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.schemas.suppliers.SupplierOrderBook.Line;
import io.restock.schemas.suppliers.SupplierOrderBook.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The supplier's side of {@code restock.purchase-order-event.v1}: each document once, amendments, cancellations. */
class SupplierOrderBookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Order<Line>> issued = new ArrayList<>();
    private final SupplierOrderBook<Line> book = new SupplierOrderBook<>(
            (lineId, sku, quantity, dropShip) -> dropShip ? null : new Line(lineId, sku, quantity));

    private static JsonNode doc(final String json) throws Exception {
        return JSON.readTree(json);
    }

    private static JsonNode issuedDocument(final String eventId) throws Exception {
        return doc("""
                {"schema": "restock.purchase-order-event.v1", "eventType": "PurchaseOrderIssued", "eventId": "%s",
                 "occurredAt": "2026-12-01T10:00:00Z", "purchaseOrderId": "po-1", "supplierId": "acme",
                 "currency": "EUR", "lines": [
                   {"lineId": "1", "sku": "A", "quantity": 20, "dropShip": false},
                   {"lineId": "2", "sku": "B", "quantity": 5, "dropShip": true},
                   {"lineId": "3", "sku": "C", "quantity": 10, "dropShip": false}]}
                """.formatted(eventId));
    }

    @Test
    void anIssuedOrderIsHandedOnOnceWithTheLinesTheSupplierKeeps() throws Exception {
        assertThat(book.apply(issuedDocument("e1"), issued::add)).isTrue();
        assertThat(book.apply(issuedDocument("e1"), issued::add)).as("the same document again").isFalse();
        assertThat(book.apply(issuedDocument("e1-again"), issued::add)).as("a new event of a known order").isTrue();

        assertThat(issued).singleElement().satisfies(order -> {
            assertThat(order.id()).isEqualTo("po-1");
            assertThat(order.supplierId()).isEqualTo("acme");
            assertThat(order.lines().keySet()).as("the drop-ship line left out").containsExactly("1", "3");
            assertThat(order.lines().get("1").sku()).isEqualTo("A");
            assertThat(order.lines().get("1").quantity()).isEqualTo(20);
        });
        assertThat(book.orders()).isEqualTo(1);
    }

    @Test
    void anAmendmentSetsTheQuantityOfEachLineItNames() throws Exception {
        book.apply(issuedDocument("e1"), issued::add);
        book.apply(doc("""
                {"eventType": "PurchaseOrderAmended", "eventId": "e2", "purchaseOrderId": "po-1",
                 "lines": [{"lineId": "3", "sku": "C", "quantity": 4}, {"lineId": "9", "sku": "Z", "quantity": 1}]}
                """), issued::add);

        final Order<Line> order = issued.getFirst();
        assertThat(order.lines().get("1").quantity()).isEqualTo(20);
        assertThat(order.lines().get("3").quantity()).isEqualTo(4);
        assertThat(order.lines()).doesNotContainKey("9");
    }

    @Test
    void aCancellationCancelsTheLinesItNamesOrEveryLineWhenItNamesNone() throws Exception {
        book.apply(issuedDocument("e1"), issued::add);
        final Order<Line> order = issued.getFirst();

        book.apply(doc("""
                {"eventType": "PurchaseOrderCancelled", "eventId": "e2", "purchaseOrderId": "po-1", "lineIds": ["3"]}
                """), issued::add);
        assertThat(order.lines().get("1").cancelled()).isFalse();
        assertThat(order.lines().get("3").cancelled()).isTrue();

        book.apply(doc("""
                {"eventType": "PurchaseOrderCancelled", "eventId": "e3", "purchaseOrderId": "po-1", "lineIds": []}
                """), issued::add);
        assertThat(order.lines().values()).allSatisfy(line -> assertThat(line.cancelled()).isTrue());
    }

    @Test
    void changesToAnUnknownOrderAndNewerEventTypesAreIgnored() throws Exception {
        assertThat(book.apply(doc("""
                {"eventType": "PurchaseOrderAmended", "eventId": "e1", "purchaseOrderId": "po-9",
                 "lines": [{"lineId": "1", "sku": "A", "quantity": 4}]}
                """), issued::add)).isTrue();
        assertThat(book.apply(doc("""
                {"eventType": "PurchaseOrderExpedited", "eventId": "e2", "purchaseOrderId": "po-9"}
                """), issued::add)).isTrue();

        assertThat(issued).isEmpty();
        assertThat(book.orders()).isZero();
    }
}
