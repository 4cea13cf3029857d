package io.restock.localkafka.clients;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tools' consumer on a thread of its own, on Kafka's MockConsumer (a unit test of this one class). */
class BackgroundConsumerTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders.order-events", 0);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final List<String> seen = new CopyOnWriteArrayList<>();

    BackgroundConsumerTest() {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @Test
    void handsEachPolledRecordToTheHandlerUntilClosedAndThenClosesTheConsumer() throws Exception {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 0, "o-1", "a")));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 1, "o-2", "b")));
        final BackgroundConsumer<String, String> reader = new BackgroundConsumer<>("test-reader", consumer,
                Duration.ofMillis(10), records -> records.forEach(r -> seen.add(r.value())));

        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        reader.close();

        assertThat(seen).containsExactly("a", "b");
        assertThat(consumer.closed()).isTrue();
        assertThat(reader.failure()).as("closing is not a failure").isNull();
    }

    @Test
    void aHandlerThatFailsEndsPollingAndIsTheFailure() throws Exception {
        final IllegalStateException broken = new IllegalStateException("not JSON");
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 0, "o-1", "a")));
        final BackgroundConsumer<String, String> reader = new BackgroundConsumer<>("test-reader", consumer,
                Duration.ofMillis(10), records -> {
                    if (!records.isEmpty()) {
                        throw broken;
                    }
                });

        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.failure() != null);
        reader.close();

        assertThat(reader.failure()).isSameAs(broken);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void stopEndsPollingAfterTheBatchInHand() throws Exception {
        final AtomicReference<BackgroundConsumer<String, String>> self = new AtomicReference<>();
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 0, "o-1", "a")));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 1, "o-2", "b")));
        self.set(new BackgroundConsumer<>("test-reader", consumer, Duration.ofMillis(10), records -> {
            records.forEach(r -> seen.add(r.value()));
            if (!records.isEmpty()) {
                self.get().stop();
            }
        }));

        self.get().start();
        await().atMost(Duration.ofSeconds(10)).until(consumer::closed);
        self.get().close();

        assertThat(seen).as("no poll after the batch that stopped it").containsExactly("a");
        assertThat(self.get().failure()).isNull();
    }
}
