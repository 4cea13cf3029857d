package io.restock.demo.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * DOMAIN.md rule 11's KPIs of one demo run, computed from the events the demo read. Waiting times are in
 * simulated days; dates compare the simulated calendar with the promised dates.
 *
 * @param linesDecided      order lines the allocation engine decided
 * @param backorderRate     share of decided lines with some quantity backordered
 * @param fillRate          share of ordered units allocated from stock at order time
 * @param cancellationRate  share of backordered lines whose backorder was (partly) cancelled
 * @param waitingAverage    average days from backorder to whole line, over lines filled
 * @param waitingP90        90th percentile of the same
 * @param filledLines       backordered lines filled whole
 * @param onTimeFirstPromise share of filled lines ready (plus handling) by the date promised at order time
 * @param onTimeLastPromise share of filled lines ready (plus handling) by the last date promised
 * @param meanDeviationDays mean |actual − first promise| in days
 * @param openBackorders    lines still waiting
 * @param openUnits         units still waiting
 * @param openValue         their value at the order's unit prices
 * @param topOpen           the SKUs with the most open value
 * @param supplierOnTime    per supplier: receipts on or before the supplier's last promised date / receipts
 */
public record Kpis(long linesDecided, double backorderRate, double fillRate, double cancellationRate,
                   double waitingAverage, double waitingP90, long filledLines, double onTimeFirstPromise,
                   double onTimeLastPromise, double meanDeviationDays, long openBackorders, long openUnits,
                   BigDecimal openValue, List<OpenSku> topOpen, Map<String, OnTime> supplierOnTime) {

    /** One SKU's open backorders. */
    public record OpenSku(String sku, long lines, long units, BigDecimal value) {
    }

    /** A supplier's deliveries. */
    public record OnTime(long onTime, long received) {
        public double rate() {
            return received == 0 ? Double.NaN : (double) onTime / received;
        }
    }
}
