package io.restock.kpis.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP kafka_stream_thread_process_rate x
            kafka_stream_thread_process_rate{thread_id="a-StreamThread-1"} 10.5
            kafka_stream_thread_process_rate{thread_id="a-StreamThread-2"} 2.0
            kafka_stream_thread_process_rate_other 99
            kafka_consumer_fetch_manager_records_consumed_total{client_id="a-StreamThread-1-consumer"} 7.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="a-StateUpdater-1-restore-consumer"} 3.0
            up 1
            """;

    @Test
    void aMetricsSamplesAreSummedOverTheLabelsThatPass() {
        assertThat(PrometheusText.sum(SCRAPE, "kafka_stream_thread_process_rate", l -> true)).isEqualTo(12.5);
        assertThat(PrometheusText.sum(SCRAPE, "kafka_consumer_fetch_manager_records_consumed_total",
                l -> l.contains("restore-consumer\""))).isEqualTo(3.0);
        assertThat(PrometheusText.sum(SCRAPE, "up", l -> true)).isEqualTo(1.0);
        assertThat(PrometheusText.sum(SCRAPE, "missing_metric", l -> true)).isNaN();
    }
}
