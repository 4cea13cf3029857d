package io.restock.service.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionOwnerMemoTest {

    private static final HostInfo A = new HostInfo("127.0.0.1", 9001);
    private static final HostInfo B = new HostInfo("127.0.0.1", 9002);

    private final PartitionOwnerMemo memo = new PartitionOwnerMemo();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void aPartitionsOwnerIsAskedOnceWhileTheMetadataStaysTheSame() {
        final List<StreamsMetadata> version = metadata();
        assertThat(memo.lookup("views", version, 2, answer(A, 2))).isEqualTo(new KeyQueryMetadata(A, Set.of(), 2));
        assertThat(memo.lookup("views", version, 2, answer(B, 2))).isEqualTo(new KeyQueryMetadata(A, Set.of(), 2));
        assertThat(asked).hasValue(1);
        assertThat(memo.lookup("views", version, 3, answer(B, 3))).isEqualTo(new KeyQueryMetadata(B, Set.of(), 3));
        assertThat(asked).hasValue(2);
    }

    @Test
    void newMetadataObjectsAfterARebalanceAreAskedAgainEvenWithTheSameContent() {
        memo.lookup("views", metadata(), 2, answer(A, 2));
        assertThat(memo.lookup("views", metadata(), 2, answer(B, 2))).isEqualTo(new KeyQueryMetadata(B, Set.of(), 2));
        assertThat(asked).hasValue(2);
    }

    @Test
    void forgettingDropsWhatWasRemembered() {
        final List<StreamsMetadata> version = metadata();
        memo.lookup("views", version, 2, answer(A, 2));
        memo.forget();
        assertThat(memo.lookup("views", version, 2, answer(B, 2))).isEqualTo(new KeyQueryMetadata(B, Set.of(), 2));
    }

    @Test
    void anAnswerWithoutAnOwnerIsNeverRemembered() {
        final List<StreamsMetadata> version = metadata();
        assertThat(memo.lookup("views", version, 2, () -> count(KeyQueryMetadata.NOT_AVAILABLE)))
                .isEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
        assertThat(memo.lookup("views", version, 2, () -> count(null))).isNull();
        assertThat(memo.lookup("views", version, 2, answer(A, 2))).isEqualTo(new KeyQueryMetadata(A, Set.of(), 2));
        assertThat(asked).hasValue(3);
    }

    @Test
    void whenKafkaStreamsContradictsTheCallersPartitionNothingIsRememberedAnyMore() {
        final List<StreamsMetadata> version = metadata();
        assertThat(memo.lookup("views", version, 2, answer(A, 5))).isEqualTo(new KeyQueryMetadata(A, Set.of(), 5));
        memo.lookup("views", version, 3, answer(A, 3));
        memo.lookup("views", version, 3, answer(A, 3));
        assertThat(asked).hasValue(3);
    }

    @Test
    void withoutMetadataEveryLookupAsksKafkaStreams() {
        memo.lookup("views", List.of(), 2, answer(A, 2));
        memo.lookup("views", List.of(), 2, answer(A, 2));
        assertThat(asked).hasValue(2);
    }

    @Test
    void anotherStoreIsAnotherVersion() {
        final List<StreamsMetadata> version = metadata();
        memo.lookup("views", version, 2, answer(A, 2));
        assertThat(memo.lookup("other", version, 2, answer(B, 2))).isEqualTo(new KeyQueryMetadata(B, Set.of(), 2));
        assertThat(asked).hasValue(2);
    }

    private Supplier<KeyQueryMetadata> answer(final HostInfo host, final int partition) {
        return () -> count(new KeyQueryMetadata(host, Set.of(), partition));
    }

    private KeyQueryMetadata count(final KeyQueryMetadata answer) {
        asked.incrementAndGet();
        return answer;
    }

    /** What Kafka Streams builds on every assignment: new objects each time. */
    private static List<StreamsMetadata> metadata() {
        return List.of(
                new StreamsMetadataImpl(A, Set.of("views"), Set.of(new TopicPartition("t", 2)), Set.of(), Set.of()),
                new StreamsMetadataImpl(B, Set.of("views"), Set.of(new TopicPartition("t", 3)), Set.of(), Set.of()));
    }
}
