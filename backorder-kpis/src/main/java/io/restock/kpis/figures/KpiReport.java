package io.restock.kpis.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code GET /kpis} answers: the figures of each window ({@code 1h}: the current minute and the 59
 * before it; {@code 1d}: the current hour and the 23 before it; {@code all}: since the topics begin), and the
 * levels now: open backorders, purchase orders in flight, the last date changes.
 */
public record KpiReport(Instant asOf, Map<String, WindowFigures> windows, OpenTotals openBackorders,
                        long purchaseOrdersInFlight, List<RecentDateChange> recentDateChanges) {

    /** Open backorders over all SKUs; value = open units × the line's unit price, in the orders' currencies. */
    public record OpenTotals(long skus, long lines, long units, BigDecimal value) {
    }

    /** One SKU's open backorders. */
    public record OpenSku(String sku, long lines, long units, BigDecimal value) {
    }

    /** A line's promised date moved. */
    public record RecentDateChange(String orderId, String lineId, String sku, LocalDate previousDate,
                                   LocalDate newDate, String reason, Instant at) {
    }

    /** One minute of the last hour, for the dashboard's charts. */
    public record MinutePoint(long minute, long linesDecided, Double backorderRate, Double fillRate,
                              long backordersFilled, Double waitMeanSeconds, long deadLetters,
                              long purchaseOrdersIssued, long dateChanges) {
    }
}
