package io.restock.backorder.plan;

import io.restock.backorder.procurement.Requirement;

import java.time.LocalDate;

/** What a {@link SkuPlan} operation decided, as data; the topology turns each into a record. */
public sealed interface Decision {

    /** Ask a supplier's batch for units. */
    record Request(Requirement requirement) implements Decision {
    }

    /** A backorder's projected date moved. */
    record DateChanged(String orderId, String lineId, LocalDate previous, LocalDate next, Reason reason)
            implements Decision {
    }

    /**
     * The earliest date new demand could be met (stock in the warehouse, handling days not included:
     * inventory-stream adds them) changed; {@code newOrder} when only a new purchase order would meet it.
     */
    record PromiseChanged(LocalDate earliest, String supplierId, boolean newOrder) implements Decision {
    }

    /** No supply is known for new demand any more (no stock, nothing inbound, no supplier). */
    record PromiseWithdrawn() implements Decision {
    }

    /** Lower the quantity of a line the supplier has not acknowledged. */
    record AmendLine(String purchaseOrderId, String lineId, String supplierId, int quantity) implements Decision {
    }

    /** Cancel a line the supplier has not acknowledged. */
    record CancelLine(String purchaseOrderId, String lineId, String supplierId) implements Decision {
    }

    /** A supplier's first delivery against a line with a promised date: on time or not. */
    record Delivered(String supplierId, LocalDate promised, LocalDate arrived) implements Decision {
    }
}
