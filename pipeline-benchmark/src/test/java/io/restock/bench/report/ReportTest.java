package io.restock.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.restock.bench.baseline.Baselines;
import io.restock.bench.latency.LatencyAnalysis;
import io.restock.bench.latency.LatencySummary;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Baselines.Result BASELINES = new Baselines.Result(12, 250, 50,
            new Baselines.Figures(200_000, 400_000, 10, new LatencySummary(750, 2, 5, 8, 9)),
            new Baselines.Figures(200_000, 100_000, 20, new LatencySummary(750, 100, 200, 210, 220)));

    private static Report.PipelineRun run(final String name, final double linesPerSecond) {
        final LatencyAnalysis.Result result = new LatencyAnalysis.Result(3_000, 4_000, 4_000, 1_000, 50, 900, 1_000,
                50, linesPerSecond, 251.4, 40, new LatencySummary(4_000, 300, 800, 950, 1_000),
                new LatencySummary(900, 3_500, 6_000, 6_100, 6_200), LatencySummary.EMPTY);
        return new Report.PipelineRun(name, 1, 50, 60, 0, 3, result,
                Map.of("inventory-stream", new Report.ProcessFigures(30.5, 400 * 1024)), 2_000, null);
    }

    private static Report report() {
        return new Report("2026-12-06T18:00:00Z", Map.of("ordersPerSecond", 50.0),
                new Report.Machine(2, 3.5, 4.25, "shared with three other builds"),
                List.of(run("1 inventory-stream instance", 66.7).withRatios(BASELINES),
                        run("2 inventory-stream instances", 80).withRatios(BASELINES)),
                BASELINES, new Report.Restore(1_000_000, 120, 4_000_000, 42.5), List.of());
    }

    @Test
    void ratiosDivideThePipelinesFiguresByEachBaselines() {
        final Report.Ratios ratios = Report.Ratios.of(run("r", 80), BASELINES);

        assertThat(ratios.linesPerSecondToRaw()).isEqualTo(80 / 400_000.0, Offset.offset(1e-12));
        assertThat(ratios.linesPerSecondToPassThrough()).isEqualTo(80 / 100_000.0, Offset.offset(1e-12));
        assertThat(ratios.cpuPerLineToRaw()).isEqualTo(200);
        assertThat(ratios.cpuPerLineToPassThrough()).isEqualTo(100);
        assertThat(ratios.decisionP50ToPassThrough()).isEqualTo(3);
        assertThat(ratios.decisionP99ToPassThrough()).isEqualTo(4);
    }

    @Test
    void withoutBaselinesThereAreNoRatios() {
        assertThat(run("r", 80).withRatios(null).ratios()).isNull();
    }

    @Test
    void theJsonReportReadsBackAsTheSameReport() throws Exception {
        final Report report = report();
        final Report back = ReportFiles.fromJson(ReportFiles.toJson(report));

        assertThat(back.runs()).hasSize(2);
        assertThat(back.runs().get(1).ratios()).isEqualTo(report.runs().get(1).ratios());
        assertThat(back.runs().get(0).result()).isEqualTo(report.runs().get(0).result());
        assertThat(back.baselines()).isEqualTo(report.baselines());
        assertThat(back.restore()).isEqualTo(report.restore());
        assertThat(back.machine()).isEqualTo(report.machine());
    }

    @Test
    void theMarkdownHasARowPerRunWithItsLatenciesAndRatios() {
        final String md = MarkdownReport.render(report());

        assertThat(md).contains("2 cores; 1-minute load average 3.50 before, 4.25 after; shared with three other builds");
        assertThat(md).contains("| 1 inventory-stream instance | 50 | 50.0 | 66.7 | 4000 / 4000 | 1000 | 50 "
                + "| 300 / 800 / 950 | 3500 / 6000 / 6100 (900) | – (1000) | 40 | 3 | 2000 |");
        assertThat(md).contains("| exactly-once pass-through (exactly_once_v2) | 200,000 | 100000 | 20.0 | 100 / 200 / 210 |");
        assertThat(md).contains("| 2 inventory-stream instances | 0.0002× | 0.0008× | 200× | 100× | 3.00× | 4.00× |");
        assertThat(md).contains("| inventory-stream | 30.5 / 400 | 30.5 / 400 |");
        assertThat(md).contains("| 1,000,000 | 120.0 | 4,000,000 | 42.5 |");
    }

    @Test
    void aFailedPhaseIsListedWithItsError() {
        final Report report = new Report("2026-12-06T18:00:00Z", Map.of(), new Report.Machine(2, 1, 1, ""),
                List.of(), null, null, List.of("restore: java.lang.IllegalStateException: gave up"));

        assertThat(MarkdownReport.render(report)).contains("## Failed phases",
                "- restore: java.lang.IllegalStateException: gave up");
    }

    @Test
    void ratiosThatCannotBeComputedShowADash() {
        assertThat(MarkdownReport.ratio(Double.NaN)).isEqualTo("–");
        assertThat(MarkdownReport.ratio(Double.POSITIVE_INFINITY)).isEqualTo("–");
        assertThat(MarkdownReport.ratio(0.5)).isEqualTo("0.50×");
    }
}
