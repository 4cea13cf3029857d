package io.restock.allocation.rules;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of a SKU's supply schedule: a purchase-order line (or, with no purchase-order id, the
 * requirements planned for one supplier and not yet ordered), the units it brings in total, the
 * units received against it as the supply's owner counted them, and when its units are expected.
 *
 * <p>The remaining units of a line are {@code expected - max(received by the owner, received as
 * another reader counted them)}: the SKU's writer applies a receipt at once, the schedule learns it
 * later; the maximum counts it once in between and after. Received units are taken off the
 * earliest arrivals first.
 *
 * @param purchaseOrderId  null for a planned requirement
 * @param lineId           the purchase-order line id (or a planned marker)
 * @param expectedQuantity units the line brings in total
 * @param receivedQuantity units received against it, as the supply's owner counted them
 * @param arrivals         units by expected date; they sum to {@code expectedQuantity}
 */
public record InboundLine(String purchaseOrderId, String lineId, String supplierId, int expectedQuantity,
                          int receivedQuantity, List<Supply.Inbound> arrivals) {

    public InboundLine {
        Objects.requireNonNull(lineId, "lineId");
        arrivals = arrivals.stream().sorted(Comparator.comparing(Supply.Inbound::expected)).toList();
    }

    /** {@code purchaseOrderId/lineId}: how receipts and local counts name the line. */
    public String key() {
        return key(purchaseOrderId, lineId);
    }

    public static String key(final String purchaseOrderId, final String lineId) {
        return purchaseOrderId + "/" + lineId;
    }

    /** Whether this is a purchase-order line (receipts can be counted against it). */
    public boolean ordered() {
        return purchaseOrderId != null;
    }

    /** Units still to come, given what a reader counted itself. */
    public int remaining(final int receivedLocally) {
        return Math.max(0, expectedQuantity - Math.max(receivedQuantity, receivedLocally));
    }

    /** The units still to come by date, the received ones taken off the earliest arrivals. */
    public List<Supply.Inbound> schedule(final int receivedLocally) {
        return Supply.Inbound.stillToCome(arrivals, Math.max(receivedQuantity, receivedLocally),
                remaining(receivedLocally));
    }

    /** The date of the first unit still to come, or null when nothing is. */
    public LocalDate nextExpected(final int receivedLocally) {
        final List<Supply.Inbound> s = schedule(receivedLocally);
        return s.isEmpty() ? null : s.getFirst().expected();
    }

    /**
     * Matches a receipt that names no purchase order to the open purchase-order lines, earliest
     * expected first (then purchase order and line id): the one rule both the SKU's writer and the
     * supply's owner apply, so they count such a receipt against the same lines.
     *
     * @param lines           the SKU's schedule
     * @param receivedLocally units already counted per {@link #key()} besides the lines' own count
     * @param quantity        units received
     * @return units to count per line key; what no line expects is not in it (plain stock)
     */
    public static Map<String, Integer> matchReceipt(final List<InboundLine> lines,
                                                    final Map<String, Integer> receivedLocally, final int quantity) {
        final Map<String, Integer> matched = new TreeMap<>();
        final List<InboundLine> open = lines.stream()
                .filter(InboundLine::ordered)
                .filter(l -> l.remaining(receivedLocally.getOrDefault(l.key(), 0)) > 0)
                .sorted(Comparator.comparing((InboundLine l) -> l.nextExpected(receivedLocally.getOrDefault(l.key(), 0)))
                        .thenComparing(l -> l.purchaseOrderId)
                        .thenComparing(l -> l.lineId))
                .toList();
        int left = quantity;
        for (final InboundLine l : open) {
            if (left == 0) {
                break;
            }
            final int take = Math.min(left, l.remaining(receivedLocally.getOrDefault(l.key(), 0)));
            matched.put(l.key(), take);
            left -= take;
        }
        return matched;
    }
}
