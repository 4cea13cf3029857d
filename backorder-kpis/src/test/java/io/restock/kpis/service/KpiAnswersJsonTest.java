package io.restock.kpis.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.jackson.JacksonConfiguration;
import io.micronaut.jackson.ObjectMapperFactory;
import io.restock.kpis.figures.KpiReport;
import io.restock.kpis.lag.ConsumerLag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KPI answers keep their shape when there is nothing to report: an empty list is {@code []} and an unknown
 * figure is {@code null}, not a missing field, even under Micronaut's default inclusion (which leaves out empty and
 * null values). The mapper here is the one Micronaut builds with its default configuration.
 */
class KpiAnswersJsonTest {

    private final ObjectMapper micronautDefault = new ObjectMapperFactory().objectMapper(new JacksonConfiguration(),
            null);

    @Test
    void openBackordersWithNoneOpenAnswersAnEmptyList() throws Exception {
        final JsonNode json = micronautDefault.valueToTree(new KpiController.OpenBackorders(10, List.of()));

        assertThat(json.get("top").asInt()).isEqualTo(10);
        assertThat(json.get("skus")).isNotNull();
        assertThat(json.get("skus").isArray()).isTrue();
        assertThat(json.get("skus")).isEmpty();
    }

    @Test
    void lagBeforeItsFirstMeasurementAnswersEmptyListsAndANullError() throws Exception {
        final JsonNode json = micronautDefault.valueToTree(
                new ConsumerLag.Snapshot(Instant.parse("2026-12-06T10:00:00Z"), List.of(), Map.of(), null));

        assertThat(json.get("partitions")).isNotNull();
        assertThat(json.get("partitions")).isEmpty();
        assertThat(json.get("byGroup")).isNotNull();
        assertThat(json.get("byGroup")).isEmpty();
        assertThat(json.has("error")).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void aReportWithNoLinesKeepsEveryFieldWithNullRatios() throws Exception {
        final KpiReport report = new KpiReport(Instant.parse("2026-12-06T10:00:00Z"), Map.of(),
                new KpiReport.OpenTotals(0, 0, 0, BigDecimal.ZERO), 0, List.of());

        final JsonNode json = micronautDefault.valueToTree(report);

        assertThat(json.get("windows")).isNotNull();
        assertThat(json.get("recentDateChanges")).isNotNull();
        assertThat(json.get("recentDateChanges")).isEmpty();
        assertThat(json.get("openBackorders").get("lines").asLong()).isZero();
        final JsonNode minute = micronautDefault.valueToTree(new KpiReport.MinutePoint(1, 0, null, null, 0, null, 0,
                0, 0));
        assertThat(minute.has("backorderRate")).isTrue();
        assertThat(minute.get("backorderRate").isNull()).isTrue();
    }
}
