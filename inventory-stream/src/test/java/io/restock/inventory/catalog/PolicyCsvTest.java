package io.restock.inventory.catalog;

import io.restock.service.problem.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCsvTest {

    @Test
    void quotedCellsKeepCommasQuotesAndLineBreaks() {
        assertThat(PolicyCsv.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,z")).containsExactly(
                List.of("a", "b,c", "say \"hi\""), List.of("x\ny", "", "z"));
    }

    @Test
    void rowsBecomeTypedPoliciesInAnyColumnOrder() {
        final PolicyCsv.Rows rows = PolicyCsv.read("""
                targetLevel,sku,reorderPoint,backorderable,substitutes,maxWaitDays
                20,sku-1,5,TRUE,sku-2|sku-3,
                """);
        assertThat(rows.violations()).isEmpty();
        final PolicyRequests.Parsed parsed = PolicyRequests.bulk(rows.rows(), rows.labels(), Instant.EPOCH);
        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.policies().getFirst().getSubstitutes()).containsExactly("sku-2", "sku-3");
        assertThat(parsed.policies().getFirst().getMaxWaitDays()).isNull();
        assertThat(parsed.policies().getFirst().getBackorderable()).isTrue();
    }

    @Test
    void badCellsAreReportedByLine() {
        final PolicyCsv.Rows rows = PolicyCsv.read("sku,backorderable,reorderPoint,targetLevel\ns-1,maybe,x,2\n");
        final PolicyRequests.Parsed parsed = PolicyRequests.bulk(rows.rows(), rows.labels(), Instant.EPOCH);
        assertThat(parsed.violations()).extracting(Violation::field)
                .containsExactly("line 2.backorderable", "line 2.reorderPoint");
    }

    @Test
    void aHeaderWithoutRequiredOrWithUnknownColumnsIsRejected() {
        assertThat(PolicyCsv.read("sku,backorderable,reorder\n").violations()).extracting(Violation::code)
                .contains("unknown-column", "missing-column");
        assertThat(PolicyCsv.read("sku,backorderable,reorderPoint,targetLevel\ns-1,true,1\n").violations())
                .extracting(Violation::code).containsExactly("wrong-cell-count");
    }
}
