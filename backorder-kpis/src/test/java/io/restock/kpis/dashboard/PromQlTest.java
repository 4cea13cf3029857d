package io.restock.kpis.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void metricNamesAreTheIdentifiersThatAreNotFunctionsKeywordsOrLabels() {
        assertThat(PromQl.metricNames("sum by (service) (increase(kafka_consumer_coordinator_rebalance_total"
                + "{client_id=~\".*StreamThread.*\"}[15m])) / max(restock_x_ratio{window=\"1h\"}) * 60"))
                .containsExactly("kafka_consumer_coordinator_rebalance_total", "restock_x_ratio");
    }
}
