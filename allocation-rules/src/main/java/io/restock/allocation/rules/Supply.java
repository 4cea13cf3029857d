package io.restock.allocation.rules;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a SKU can give its backorders, for {@link DateProjection}: units available now, inbound
 * quantities with their expected arrival dates, and, for anything beyond that, the lead time of the
 * supplier a new purchase order would go to.
 *
 * @param availableNow       units on hand and not allocated (&gt;= 0)
 * @param inbound            expected arrivals; order does not matter
 * @param newSupplyLeadTime  days from today until newly ordered units arrive; empty if there is no supplier
 * @param handlingDays       days from stock in the warehouse to shipped, added to every date
 */
public record Supply(int availableNow, List<Inbound> inbound, OptionalInt newSupplyLeadTime, int handlingDays) {

    public Supply {
        if (availableNow < 0 || handlingDays < 0) {
            throw new IllegalArgumentException("availableNow and handlingDays must be >= 0");
        }
        Objects.requireNonNull(newSupplyLeadTime, "newSupplyLeadTime");
        inbound = inbound.stream().sorted(Comparator.comparing(Inbound::expected)).toList();
        if (newSupplyLeadTime.isPresent() && newSupplyLeadTime.getAsInt() < 0) {
            throw new IllegalArgumentException("lead time must be >= 0");
        }
    }

    /** Units expected on a date (a purchase-order line, a shipment notice). */
    public record Inbound(LocalDate expected, int quantity) {
        public Inbound {
            Objects.requireNonNull(expected, "expected");
            if (quantity < 0) {
                throw new IllegalArgumentException("quantity must be >= 0");
            }
        }
    }
}
