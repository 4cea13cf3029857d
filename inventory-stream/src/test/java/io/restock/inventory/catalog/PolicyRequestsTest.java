package io.restock.inventory.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.events.SkuPolicy;
import io.restock.service.problem.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static JsonNode json(final String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aCompletePolicyMapsEveryField() throws Exception {
        final PolicyRequests.Parsed parsed = PolicyRequests.single("sku-1", json("""
                {"backorderable": true, "maxWaitDays": 21, "reorderPoint": 5, "safetyStock": 2, "targetLevel": 40,
                 "handlingDays": 1, "substitutes": ["sku-2", "sku-3"], "description": "Widget", "dropShipAllowed": true}"""),
                NOW);
        assertThat(parsed.violations()).isEmpty();
        final SkuPolicy p = parsed.policies().getFirst();
        assertThat(p.getSku()).isEqualTo("sku-1");
        assertThat(p.getOccurredAt()).isEqualTo(NOW);
        assertThat(p.getMaxWaitDays()).isEqualTo(21);
        assertThat(p.getReorderPoint()).isEqualTo(5);
        assertThat(p.getSafetyStock()).isEqualTo(2);
        assertThat(p.getTargetLevel()).isEqualTo(40);
        assertThat(p.getHandlingDays()).isEqualTo(1);
        assertThat(p.getSubstitutes()).containsExactly("sku-2", "sku-3");
        assertThat(p.getDescription()).isEqualTo("Widget");
        assertThat(p.getDropShipAllowed()).isTrue();
        assertThat(p.getEventId()).isNotBlank();
    }

    @Test
    void optionalFieldsTakeTheirDefaults() throws Exception {
        final SkuPolicy p = PolicyRequests.single("sku-1",
                json("{\"backorderable\": false, \"reorderPoint\": 0, \"targetLevel\": 0}"), NOW).policies().getFirst();
        assertThat(p.getMaxWaitDays()).isNull();
        assertThat(p.getSafetyStock()).isZero();
        assertThat(p.getHandlingDays()).isZero();
        assertThat(p.getSubstitutes()).isEmpty();
        assertThat(p.getDropShipAllowed()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"reorderPoint": 0, "targetLevel": 0}                                                  | backorderable  | required
            {"backorderable": true, "reorderPoint": 9, "targetLevel": 5}                           | reorderPoint   | above-target-level
            {"backorderable": true, "reorderPoint": -1, "targetLevel": 5}                          | reorderPoint   | must-not-be-negative
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "safetyStock": 2}         | safetyStock    | above-reorder-point
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "maxWaitDays": 4000}      | maxWaitDays    | too-large
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 1.5}                         | targetLevel    | not-an-integer
            {"backorderable": "yes", "reorderPoint": 1, "targetLevel": 5}                          | backorderable  | not-a-boolean
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "substitutes": ["sku-1"]} | substitutes[0] | self-substitute
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "substitutes": ["a", "a"]}| substitutes[1] | duplicate-substitute
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "substitutes": ["a b"]}   | substitutes[0] | invalid-sku
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "substitutes": "a"}       | substitutes    | not-an-array
            {"sku": "other", "backorderable": true, "reorderPoint": 1, "targetLevel": 5}           | sku            | sku-mismatch
            {"backorderable": true, "reorderPoint": 1, "targetLevel": 5, "reorder": 1}             | reorder        | unknown-field
            """)
    void anInvalidPolicyNamesTheField(final String body, final String field, final String code) throws Exception {
        final PolicyRequests.Parsed parsed = PolicyRequests.single("sku-1", json(body), NOW);
        assertThat(parsed.policies()).isEmpty();
        assertThat(parsed.violations()).extracting(Violation::field, Violation::code).contains(
                org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @Test
    void aBulkWithOneBadRowWritesNothingAndLabelsEveryError() throws Exception {
        final List<JsonNode> rows = List.of(
                json("{\"sku\": \"a\", \"backorderable\": true, \"reorderPoint\": 1, \"targetLevel\": 2}"),
                json("{\"sku\": \"b\", \"backorderable\": true, \"reorderPoint\": 3, \"targetLevel\": 2}"),
                json("{\"sku\": \"a\", \"backorderable\": true, \"reorderPoint\": 1, \"targetLevel\": 2}"));
        final PolicyRequests.Parsed parsed = PolicyRequests.bulk(rows, List.of("rows[0]", "rows[1]", "rows[2]"), NOW);
        assertThat(parsed.policies()).isEmpty();
        assertThat(parsed.violations()).extracting(Violation::field)
                .containsExactly("rows[1].reorderPoint", "rows[2].sku");
    }

    @Test
    void anEmptyBulkIsInvalid() {
        assertThat(PolicyRequests.bulk(List.of(), List.of(), NOW).violations()).extracting(Violation::code)
                .containsExactly("empty");
    }
}
