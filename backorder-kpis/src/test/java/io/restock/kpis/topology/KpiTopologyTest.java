package io.restock.kpis.topology;

import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.figures.WindowFigures;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static io.restock.kpis.topology.KpiDriver.T0;
import static io.restock.kpis.topology.KpiDriver.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each KPI from events on the real topology (TopologyTestDriver), with numbers worked by hand in each test. */
class KpiTopologyTest {

    @AutoClose
    private final KpiDriver kpis = new KpiDriver();

    private static Instant at(final Duration sinceT0) {
        return T0.plus(sinceT0);
    }

    private WindowFigures all() {
        return kpis.report(T0.plus(Duration.ofDays(30))).windows().get("all");
    }

    @Test
    void backorderRateIsTheShareOfLinesBackorderedAtOrderTime() {
        kpis.allocated("o1", "1", "A", 2, 2, T0);
        kpis.allocated("o1", "2", "B", 1, 3, T0);          // partly allocated ...
        kpis.backordered("o1", "2", "B", 2, 3, T0);        // ... the rest backordered: still one line
        kpis.rejected("o2", "1", "C", 4, T0);
        kpis.allocated("o3", "1", "A", 5, 5, T0);

        // 4 lines decided, 1 backordered: 1/4.
        final WindowFigures all = all();
        assertThat(all.linesDecided()).isEqualTo(4);
        assertThat(all.linesBackordered()).isEqualTo(1);
        assertThat(all.backorderRate()).isEqualTo(0.25);
    }

    @Test
    void unitsReturnedToBackorderAreAnOpenBackorderAgainNotASecondDecision() {
        kpis.allocated("o1", "1", "A", 4, 4, T0);                            // decided at order time, all in stock
        kpis.backordered("o2", "1", "A", 5, 5, T0);                          // decided, backordered
        kpis.filled("o2", "1", "A", 5, 0, at(Duration.ofHours(1)));          // filled once
        // a shipment took units on hand no longer covered: o1 gives 3 back, o2 all 5
        kpis.returnedToBackorder("o1", "1", "A", 3, 4, at(Duration.ofHours(2)));
        kpis.returnedToBackorder("o2", "1", "A", 5, 5, at(Duration.ofHours(2)));
        // the warehouse had shipped 2 of o2's units: they leave its backorder
        kpis.shippedFromBackorder("o2", "1", "A", 2, 3, at(Duration.ofHours(3)));

        final WindowFigures all = all();
        assertThat(all.linesDecided()).as("each line once").isEqualTo(2);
        assertThat(all.linesBackordered()).isEqualTo(1);
        assertThat(all.unitsOrdered()).isEqualTo(9);
        assertThat(all.unitsAllocatedAtOrder()).isEqualTo(4);
        assertThat(all.backordersFilled()).as("o2's first fill only").isEqualTo(1);
        final KpiReport.OpenTotals open = kpis.report(T0).openBackorders();
        assertThat(open.lines()).isEqualTo(2);
        assertThat(open.units()).as("o1's 3 and o2's 5 - 2 shipped").isEqualTo(6);
    }

    @Test
    void fillRateIsTheShareOfUnitsAllocatedAtOrderTime() {
        kpis.allocated("o1", "1", "A", 10, 10, T0);
        kpis.allocated("o2", "1", "B", 2, 5, T0);
        kpis.backordered("o2", "1", "B", 3, 5, T0);
        kpis.allocated("o3", "1", "C", 1, 5, T0);
        kpis.rejected("o3", "1", "C", 4, T0);              // remainder rejected: the line was counted once
        kpis.rejected("o4", "1", "D", 5, T0);

        // ordered 10 + 5 + 5 + 5 = 25 units; allocated at order time 10 + 2 + 1 = 13: 13/25 = 0.52.
        final WindowFigures all = all();
        assertThat(all.unitsOrdered()).isEqualTo(25);
        assertThat(all.unitsAllocatedAtOrder()).isEqualTo(13);
        assertThat(all.fillRate()).isEqualTo(0.52);
        assertThat(all.linesDecided()).isEqualTo(4);
        assertThat(kpis.lineTracks()).as("the partly allocated line's marker is gone once its remainder is decided")
                .isEqualTo(1);
    }

    @Test
    void cancellationRateIsTheShareOfBackorderedLinesTheCustomerCancelled() {
        kpis.backordered("o1", "1", "A", 2, 2, T0);
        kpis.backordered("o2", "1", "A", 3, 3, T0);
        kpis.backordered("o3", "1", "B", 1, 1, T0);
        kpis.backordered("o4", "1", "B", 4, 4, T0);
        kpis.cancelled("o2", "1", "A", 3, at(Duration.ofHours(1)));
        kpis.filled("o4", "1", "B", 4, 0, at(Duration.ofHours(2)));

        // 4 backordered, 1 cancelled: 1/4 (the filled one is not a cancellation).
        final WindowFigures all = all();
        assertThat(all.backordersCancelled()).isEqualTo(1);
        assertThat(all.cancellationRate()).isEqualTo(0.25);
        assertThat(kpis.lineTracks()).as("lines followed until they end").isEqualTo(2);
    }

    @Test
    void waitingTimeOfFilledBackordersRunsFromOpeningToTheLastUnitAllocated() {
        kpis.backordered("o1", "1", "A", 2, 2, T0);
        kpis.backordered("o2", "1", "A", 4, 4, T0);
        kpis.backordered("o3", "1", "A", 1, 1, T0);
        kpis.backordered("o4", "1", "A", 5, 5, T0);
        kpis.filled("o1", "1", "A", 2, 0, at(Duration.ofHours(1)));
        kpis.filled("o2", "1", "A", 1, 3, at(Duration.ofHours(1)));   // part of it: not filled yet
        kpis.filled("o2", "1", "A", 3, 0, at(Duration.ofHours(2)));   // the last unit: waited 2 h
        kpis.filled("o3", "1", "A", 1, 0, at(Duration.ofHours(6)));
        kpis.filled("o4", "1", "A", 2, 3, at(Duration.ofHours(7)));   // still waiting: not counted

        // Filled after 1 h, 2 h, 6 h: mean 3 h = 10800 s, p50 2 h, p90 6 h, max 6 h.
        final WindowFigures all = all();
        assertThat(all.backordersFilled()).isEqualTo(3);
        assertThat(all.waitMeanSeconds()).isEqualTo(10_800.0);
        assertThat(all.waitP50Seconds()).isCloseTo(7_200.0, within(7.2));     // HdrHistogram: 3 significant digits
        assertThat(all.waitP90Seconds()).isCloseTo(21_600.0, within(21.6));
        assertThat(all.waitMaxSeconds()).isEqualTo(21_600.0);
    }

    @Test
    void aDropShippedBackorderIsServedWhenTheSupplierShipsItsLastUnit() {
        kpis.backordered("o1", "1", "A", 4, 4, TODAY.plusDays(1), new BigDecimal("40.00"), T0);
        kpis.dropShipped("o1", "1", "A", 1, at(Duration.ofHours(2)));   // 3 still to come from the supplier
        assertThat(kpis.report(T0).openBackorders().units()).isEqualTo(3);

        kpis.dropShipped("o1", "1", "A", 3, at(Duration.ofHours(4)));   // the last unit: waited 4 h, day 0 <= day 1

        final WindowFigures all = all();
        assertThat(all.backordersFilled()).isEqualTo(1);
        assertThat(all.waitMaxSeconds()).isEqualTo(14_400.0);
        assertThat(all.promiseKeptRatio()).isEqualTo(1.0);
        assertThat(kpis.report(T0).openBackorders().lines()).isZero();
    }

    @Test
    void promiseAccuracyIsTheShareOfFilledBackordersFilledByTheDateFirstPromised() {
        kpis.backordered("o1", "1", "A", 1, 1, TODAY.plusDays(2), BigDecimal.TEN, T0);
        kpis.backordered("o2", "1", "A", 1, 1, TODAY.plusDays(1), BigDecimal.TEN, T0);
        kpis.backordered("o3", "1", "A", 1, 1, TODAY, BigDecimal.TEN, T0);
        // o2's date moved to day 5: accuracy is still judged against the first promise (day 1).
        kpis.dateChanged("o2", "1", "A", TODAY.plusDays(1), TODAY.plusDays(5), at(Duration.ofHours(3)));
        kpis.filled("o1", "1", "A", 1, 0, at(Duration.ofDays(1)));   // day 1 <= day 2: kept
        kpis.filled("o2", "1", "A", 1, 0, at(Duration.ofDays(3)));   // day 3 > day 1: 2 days late
        kpis.filled("o3", "1", "A", 1, 0, at(Duration.ofHours(1)));  // same day: kept

        // kept 2 of 3; days late (0 + 2 + 0) / 3.
        final WindowFigures all = all();
        assertThat(all.promiseKeptRatio()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(all.promiseMeanDaysLate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(all.dateChanges()).isEqualTo(1);
        assertThat(kpis.report(T0).recentDateChanges()).singleElement()
                .satisfies(c -> assertThat(c.newDate()).isEqualTo(TODAY.plusDays(5)));
    }

    @Test
    void openBackordersPerSkuAreTheUnitsStillWaitingAtTheirLinesUnitPrice() {
        kpis.backordered("o1", "1", "A", 5, 5, TODAY, new BigDecimal("50.00"), T0);     // 10.00 a unit
        kpis.backordered("o2", "1", "A", 2, 4, TODAY, new BigDecimal("20.00"), T0);     // 5.00 a unit
        kpis.backordered("o3", "1", "B", 3, 3, TODAY, new BigDecimal("300.00"), T0);    // 100.00 a unit
        kpis.backordered("o4", "1", "C", 1, 1, TODAY, new BigDecimal("1.00"), T0);
        kpis.filled("o1", "1", "A", 2, 3, at(Duration.ofHours(1)));
        kpis.cancelled("o4", "1", "C", 1, at(Duration.ofHours(1)));

        // A: 2 lines, 3 + 2 = 5 units, 3 x 10 + 2 x 5 = 40; B: 1 line, 3 units, 300; C: none left.
        final var top = kpis.reads().openBackorders(10);
        assertThat(top).extracting(KpiReport.OpenSku::sku).containsExactly("B", "A");
        assertThat(top.get(1).lines()).isEqualTo(2);
        assertThat(top.get(1).units()).isEqualTo(5);
        assertThat(top.get(1).value()).isEqualByComparingTo("40");
        assertThat(top.get(0).value()).isEqualByComparingTo("300");
        assertThat(kpis.reads().openBackorders(1)).extracting(KpiReport.OpenSku::sku).containsExactly("B");
        final KpiReport.OpenTotals totals = kpis.report(T0).openBackorders();
        assertThat(totals.lines()).isEqualTo(3);
        assertThat(totals.units()).isEqualTo(8);
        assertThat(totals.value()).isEqualByComparingTo("340");
    }

    @Test
    void supplierOnTimeRateComparesEachLinesFirstReceiptWithTheSuppliersPromisedDate() {
        kpis.issued("PO-1", "acme", T0, "1", "2");
        kpis.acknowledged("PO-1", "acme", "1", TODAY.plusDays(3), T0);
        kpis.acknowledged("PO-1", "acme", "2", TODAY.plusDays(3), T0);
        kpis.issued("PO-2", "brightparts", T0, "1");
        kpis.acknowledged("PO-2", "brightparts", "1", TODAY.plusDays(2), T0);
        kpis.promisedDateChanged("PO-2", "brightparts", "1", TODAY.plusDays(5), at(Duration.ofDays(1)));
        kpis.received("PO-1", "1", 10, at(Duration.ofDays(2)));   // day 2 <= day 3: on time
        kpis.received("PO-1", "2", 4, at(Duration.ofDays(4)));    // day 4 > day 3: late
        kpis.received("PO-1", "2", 6, at(Duration.ofDays(5)));    // a later receipt of the same line: not counted again
        kpis.received("PO-2", "1", 10, at(Duration.ofDays(4)));   // day 4 <= day 5 (the promise as changed)

        // acme 1 of 2 on time, brightparts 1 of 1.
        final WindowFigures all = all();
        assertThat(all.supplierOnTime().get("acme").deliveries()).isEqualTo(2);
        assertThat(all.supplierOnTime().get("acme").onTimeRatio()).isEqualTo(0.5);
        assertThat(all.supplierOnTime().get("brightparts").onTimeRatio()).isEqualTo(1.0);
    }

    @Test
    void purchaseOrdersAreInFlightFromIssueUntilReceivedCancelledOrRejected() {
        kpis.issued("PO-1", "acme", T0, "1");
        kpis.issued("PO-2", "acme", T0, "1");
        kpis.issued("PO-3", "acme", T0, "1", "2");
        kpis.received("PO-1", "1", 10, at(Duration.ofDays(1)));   // all 10 units: done
        kpis.purchaseOrderCancelled("PO-2", "acme", at(Duration.ofDays(1)));
        kpis.received("PO-3", "1", 10, at(Duration.ofDays(1)));   // line 2 still open

        // 3 issued; PO-1 received, PO-2 cancelled: 1 in flight.
        final KpiReport report = kpis.report(at(Duration.ofDays(1)));
        assertThat(report.purchaseOrdersInFlight()).isEqualTo(1);
        assertThat(report.windows().get("all").purchaseOrdersIssued()).isEqualTo(3);
    }

    @Test
    void deadLettersAreCountedPerDeadLetterTopic() {
        final String shopDeadLetters = Topics.shopSubmissions("demo-shop").deadLetterTopic();
        kpis.deadLetter(shopDeadLetters, T0);
        kpis.deadLetter(shopDeadLetters, T0);
        kpis.deadLetter("dlq.inventory.stock-movements", T0);

        assertThat(all().deadLetters()).containsEntry(shopDeadLetters, 2L)
                .containsEntry("dlq.inventory.stock-movements", 1L).hasSize(2);
    }

    @Test
    void theHourWindowHoldsTheLastSixtyMinutesAndTheDayTheLastTwentyFourHours() {
        final Instant now = T0.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(30));
        kpis.backordered("o1", "1", "A", 1, 1, now.minus(Duration.ofHours(25)));   // all time only
        kpis.backordered("o2", "1", "A", 1, 1, now.minus(Duration.ofHours(2)));    // the day
        kpis.allocated("o3", "1", "A", 1, 1, now.minus(Duration.ofMinutes(61)));   // the day
        kpis.allocated("o4", "1", "A", 1, 1, now.minus(Duration.ofMinutes(30)));   // the hour
        kpis.allocated("o5", "1", "A", 1, 1, now);                                  // the hour

        final KpiReport report = kpis.report(now);
        assertThat(report.windows().get("1h").linesDecided()).isEqualTo(2);
        assertThat(report.windows().get("1h").backorderRate()).isEqualTo(0.0);
        assertThat(report.windows().get("1d").linesDecided()).isEqualTo(4);
        assertThat(report.windows().get("1d").backorderRate()).isEqualTo(0.25);
        assertThat(report.windows().get("all").linesDecided()).isEqualTo(5);
        assertThat(report.windows().get("all").backorderRate()).isEqualTo(0.4);
    }

    @Test
    void aWindowWithNothingToDivideByHasNoRatio() {
        final WindowFigures hour = kpis.report(T0).windows().get("1h");
        assertThat(hour.backorderRate()).isNull();
        assertThat(hour.waitP90Seconds()).isNull();
        assertThat(hour.promiseKeptRatio()).isNull();
    }
}
