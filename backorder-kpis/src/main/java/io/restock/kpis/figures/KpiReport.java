package io.restock.kpis.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
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
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KpiReport(Instant asOf, Map<String, WindowFigures> windows, OpenTotals openBackorders,
                        long purchaseOrdersInFlight, List<RecentDateChange> recentDateChanges) {

    /** Open backorders over all SKUs; value = open units × the line's unit price, in the orders' currencies. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenTotals(long skus, long lines, long units, BigDecimal value) {
    }

    /** One SKU's open backorders. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenSku(String sku, long lines, long units, BigDecimal value) {
    }

    /** A line's promised date moved. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RecentDateChange(String orderId, String lineId, String sku, LocalDate previousDate,
                                   LocalDate newDate, String reason, Instant at) {
    }

    /** One minute of the last hour, for the dashboard's charts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MinutePoint(long minute, long linesDecided, Double backorderRate, Double fillRate,
                              long backordersFilled, Double waitMeanSeconds, long deadLetters,
                              long purchaseOrdersIssued, long dateChanges) {
    }
}
