package io.restock.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code up} counts as ready in each shape of {@code /health} the services answer. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String state(final String json) throws Exception {
        return Health.findStreamsState(JSON.readTree(json));
    }

    @Test
    void aRunningStreamsApplicationIsReady() throws Exception {
        assertThat(state("""
                {"status":"UP","details":{"order-intake-idempotency-log":{"details":{"state":"CAUGHT_UP"}},
                 "order-intake-streams":{"status":"UP","details":{"state":"RUNNING"}}}}""")).isEqualTo("RUNNING");
    }

    @Test
    void aStreamThreadStillTakingPartitionsIsNotReadyEvenWhenMicronautSaysUp() throws Exception {
        assertThat(state("""
                {"status":"UP","details":{"kafkaStreams":{"status":"UP","details":{"inventory-stream":{
                 "details":{"t-1":{"threadState":"PARTITIONS_ASSIGNED"}}}}}}}"""))
                .isEqualTo("threadState PARTITIONS_ASSIGNED");
    }

    @Test
    void theNotifiersStoppedSendersAreNotReady() throws Exception {
        assertThat(state("""
                {"status":"UP","details":{"notifier":{"details":{"decisions":"RUNNING","senders":"STOPPED"}}}}"""))
                .isEqualTo("senders STOPPED");
    }

    @Test
    void healthWithoutAnyStreamsStateNamesNone() throws Exception {
        assertThat(state("{\"status\":\"UP\",\"details\":{\"diskSpace\":{\"status\":\"UP\"}}}")).isNull();
    }
}
