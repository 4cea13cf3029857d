package io.restock.allocation.rules;

import java.time.LocalDate;
import java.util.ArrayList;
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

        /**
         * What is still to come of a line's arrivals once {@code received} of its units came: the received units
         * are taken off the arrivals in the order given (the first count as received first), and at most
         * {@code remaining} units are kept.
         */
        public static List<Inbound> stillToCome(final List<Inbound> arrivals, final int received, final int remaining) {
            int toSkip = received;
            int left = remaining;
            final List<Inbound> out = new ArrayList<>();
            for (final Inbound a : arrivals) {
                int units = a.quantity();
                final int skipped = Math.min(units, toSkip);
                units -= skipped;
                toSkip -= skipped;
                final int counted = Math.min(units, left);
                if (counted > 0) {
                    out.add(new Inbound(a.expected(), counted));
                    left -= counted;
                }
            }
            return out;
        }
    }
}
