package io.restock.backorder.plan;

import io.restock.backorder.procurement.Requirement;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a {@link SkuPlan} operation decided, as data; the topology turns each into a record. */
public sealed interface Decision {

    /** Ask a supplier's batch for units. */
    record Request(Requirement requirement) implements Decision {
    }

    /** The SKU's supply schedule differs from the one last published; {@code reason} is what changed it. */
    record SupplyChanged(SkuPlan.Schedule schedule, Reason reason) implements Decision {
    }

    /** Lower the quantity of a line the supplier has not acknowledged. */
    record AmendLine(String purchaseOrderId, String lineId, String supplierId, int quantity) implements Decision {
    }

    /** Cancel a line the supplier has not acknowledged. */
    record CancelLine(String purchaseOrderId, String lineId, String supplierId) implements Decision {
    }

    /** Issue a purchase order of one drop-ship line: the supplier ships {@code quantity} to the customer line. */
    record IssueDropShip(String purchaseOrderId, String lineId, String supplierId, int quantity, BigDecimal unitCost,
                         String currency, LocalDate requestedDate, String orderId, String orderLineId)
            implements Decision {
    }

    /** A supplier's first delivery against a line with a promised date: on time or not. */
    record Delivered(String supplierId, LocalDate promised, LocalDate arrived) implements Decision {
    }
}
