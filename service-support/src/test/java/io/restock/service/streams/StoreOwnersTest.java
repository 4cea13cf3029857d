package io.restock.service.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreOwnersTest {

    private static final HostInfo A = new HostInfo("127.0.0.1", 9001);
    private static final HostInfo B = new HostInfo("127.0.0.1", 9002);
    private static final KafkaStreams.State RUNNING = KafkaStreams.State.RUNNING;

    @Test
    void aKeyOwnedByThisInstanceIsReadLocallyFromItsPartition() {
        final KeyOwner owner = StoreOwners.decide("svc", RUNNING, new KeyQueryMetadata(A, Set.of(), 4), A, "k", null);
        assertThat(owner).isEqualTo(new KeyOwner.Local(4));
    }

    @Test
    void aKeyOwnedByAnotherInstanceIsForwardedToIt() {
        final KeyOwner owner = StoreOwners.decide("svc", RUNNING, new KeyQueryMetadata(B, Set.of(A), 2), A, "k", null);
        assertThat(owner).isEqualTo(new KeyOwner.Remote(B, 2));
    }

    @Test
    void aForwardedRequestThatReachesANonOwnerIsUnavailableInsteadOfHoppingAgain() {
        assertThatThrownBy(() -> StoreOwners.decide("svc", RUNNING, new KeyQueryMetadata(B, Set.of(), 2), A, "k",
                "127.0.0.1:9003"))
                .isInstanceOf(OwnerUnavailableException.class)
                .hasMessageContaining("ownership is moving");
    }

    @Test
    void aForwardedRequestThatReachesTheOwnerIsAnswered() {
        final KeyOwner owner = StoreOwners.decide("svc", RUNNING, new KeyQueryMetadata(A, Set.of(), 1), A, "k",
                "127.0.0.1:9002");
        assertThat(owner).isEqualTo(new KeyOwner.Local(1));
    }

    @Test
    void nothingIsAnsweredWhileNotRunningOrWithoutAnOwner() {
        for (final KafkaStreams.State state : List.of(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING,
                KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.ERROR)) {
            assertThatThrownBy(() -> StoreOwners.decide("svc", state, new KeyQueryMetadata(A, Set.of(), 1), A, "k", null))
                    .isInstanceOf(OwnerUnavailableException.class).hasMessageContaining(state.name());
        }
        assertThatThrownBy(() -> StoreOwners.decide("svc", RUNNING, KeyQueryMetadata.NOT_AVAILABLE, A, "k", null))
                .isInstanceOf(OwnerUnavailableException.class);
        assertThatThrownBy(() -> StoreOwners.decide("svc", RUNNING, null, A, "k", null))
                .isInstanceOf(OwnerUnavailableException.class);
    }

    @Test
    void withoutAnApplicationServerEveryKeyIsLocal() {
        assertThat(StoreOwners.decide("svc", RUNNING, new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 3), null,
                "k", null)).isEqualTo(new KeyOwner.Local(3));
    }

    @Test
    void aWholeStoreIsGatheredFromEveryInstanceWithAnActiveTaskOfIt() {
        final List<StreamsMetadata> all = List.of(
                metadata(B, Set.of("plans"), Set.of()),
                metadata(A, Set.of("plans", "other"), Set.of()),
                metadata(new HostInfo("127.0.0.1", 9003), Set.of("other"), Set.of("plans")));
        assertThat(StoreOwners.activeHosts("plans", all, A)).containsExactly(A, B);
        assertThatThrownBy(() -> StoreOwners.activeHosts("missing", all, A))
                .isInstanceOf(OwnerUnavailableException.class);
    }

    private static StreamsMetadata metadata(final HostInfo host, final Set<String> stores, final Set<String> standby) {
        return new StreamsMetadataImpl(host, stores, Set.of(new TopicPartition("t", host.port() % 6)), standby, Set.of());
    }
}
