package io.restock.orderintake.idempotency;

import io.restock.events.OrderEvent;
import io.restock.orderintake.idempotency.IdempotencyGuard.BodyHash;
import io.restock.orderintake.idempotency.IdempotencyGuard.Claim;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyGuardTest {

    static final BodyHash H1 = new BodyHash(1, 11);
    static final BodyHash H2 = new BodyHash(2, 22);
    static final String E1 = "7f3e3a7c-1111-4222-8333-444455556666";

    final AtomicLong millis = new AtomicLong(1000);
    final IdempotencyGuard guard = new IdempotencyGuard(8, 60_000, 3, 30_000, millis::get);

    @Test
    void aKeyInFlightIsRefusedUntilItCompletes() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", H1);
        assertThat(first).isInstanceOf(Claim.Granted.class);

        assertThat(guard.claim("shop-a", "k1", "o-1", H1)).isInstanceOf(Claim.InFlight.class);
        assertThat(guard.claim("shop-a", "k2", "o-1", H1)).isInstanceOf(Claim.InFlight.class);
        assertThat(guard.inFlight()).isEqualTo(1);

        guard.accepted(granted(first), E1, 1000, null, 2, 40);
        assertReplaysE1AcceptedAt(guard.claim("shop-a", "k1", "o-1", H1), 1000);
        assertThat(guard.inFlight()).isZero();
    }

    @Test
    void aKeyWithAnotherBodyIsReusedAndAnotherKeyForTheSameOrderFindsTheOrder() {
        guard.accepted(granted(guard.claim("shop-a", "k1", "o-1", H1)), E1, 1000, null, 2, 40);

        assertThat(guard.claim("shop-a", "k1", "o-1", H2)).isInstanceOf(Claim.KeyReused.class);
        assertThat(guard.claim("shop-a", "k1", "o-2", H1)).isInstanceOf(Claim.KeyReused.class);
        assertThat(guard.claim("shop-a", "k2", "o-1", H1)).isInstanceOf(Claim.OrderExists.class);
        assertThat(guard.claim("shop-b", "k1", "o-3", H1)).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void onlyTheRecordAnAcceptedOrderWasWrittenAtCountsAsEnteredAlready() {
        final IdempotencyGuard.Entry entry = granted(guard.claim("shop-a", "k1", "o-1", H1));
        assertThat(guard.enteredAt("o-1", 2, 40)).as("in flight: the log must still be read").isFalse();

        guard.accepted(entry, E1, 1000, null, 2, 40);
        guard.remember("o-2", "shop-a", "k2", H2, E1, 1000, 3, 7);

        assertThat(guard.enteredAt("o-1", 2, 40)).isTrue();
        assertThat(guard.enteredAt("o-2", 3, 7)).isTrue();
        assertThat(guard.enteredAt("o-1", 2, 41)).isFalse();
        assertThat(guard.enteredAt("o-1", 1, 40)).isFalse();
        assertThat(guard.enteredAt("o-3", 2, 40)).isFalse();
    }

    @Test
    void aReleasedClaimLeavesNoTrace() {
        guard.release(granted(guard.claim("shop-a", "k1", "o-1", H1)));

        assertThat(guard.claim("shop-a", "k1", "o-1", H1)).isInstanceOf(Claim.Granted.class);
        assertThat(guard.size()).isZero();
    }

    @Test
    void keysReadFromTheLogAnswerAsTheRequestThatWroteThemWouldHave() {
        guard.remember("o-1", "shop-a", "k1", H1, E1, 900, 2, 40);
        guard.remember("o-9", "shop-a", null, null, "from-the-topic", 950, 1, 7);

        assertReplaysE1AcceptedAt(guard.claim("shop-a", "k1", "o-1", H1), 900);
        assertThat(guard.claim("shop-a", "k1", "o-1", H2)).isInstanceOf(Claim.KeyReused.class);
        assertThat(guard.claim("shop-a", "k2", "o-1", H1)).isInstanceOf(Claim.OrderExists.class);
        assertThat(guard.claim("shop-a", "k3", "o-9", H1)).isInstanceOf(Claim.OrderExists.class);
    }

    @Test
    void aRequestInFlightSeenOnTheLogIsAcceptedOnceAndNotForgottenWhenItsSendFails() {
        final IdempotencyGuard.Entry entry = granted(guard.claim("shop-a", "k1", "o-1", H1));

        guard.remember("o-1", "shop-a", "k1", H1, E1, 1000, 2, 40);
        guard.remember("o-1", "shop-a", "k1", H1, E1, 1000, 2, 40);
        assertThat(guard.size()).isEqualTo(1);

        guard.release(entry);
        assertThat(guard.claim("shop-a", "k1", "o-1", H1)).isInstanceOf(Claim.Replay.class);
        assertThat(guard.inFlight()).isZero();
    }

    @Test
    void anAcceptedOrderIsHeldForReadsOnlyUntilTheViewHasAppliedIt() {
        guard.accepted(granted(guard.claim("shop-a", "k1", "o-1", H1)), E1, 1000, new OrderEvent(), 2, 40);

        guard.applied(2, 39);
        assertThat(guard.recent("o-1")).isPresent();

        guard.applied(2, 40);
        assertThat(guard.recent("o-1")).isEmpty();
        assertThat(guard.claim("shop-a", "k1", "o-1", H1)).isInstanceOf(Claim.Replay.class);
    }

    @Test
    void keysAreForgottenAfterTheRetentionAndOldestFirstAboveTheBound() {
        for (int i = 1; i <= 4; i++) {
            guard.accepted(granted(guard.claim("shop-a", "k" + i, "o-" + i, H1)), E1, millis.get(), null, 0, i);
        }
        assertThat(guard.size()).isEqualTo(3);
        assertThat(guard.claim("shop-a", "k1", "o-1", H2)).isInstanceOf(Claim.Granted.class);

        millis.addAndGet(60_000);
        guard.evict();
        assertThat(guard.size()).isZero();
        assertThat(guard.claim("shop-a", "k4", "o-4", H2)).isInstanceOf(Claim.Granted.class);
        guard.remember("o-5", "shop-a", "k5", H1, E1, millis.get() - 60_000, 0, 5);
        assertThat(guard.size()).isZero();
    }

    private static IdempotencyGuard.Entry granted(final Claim claim) {
        assertThat(claim).isInstanceOf(Claim.Granted.class);
        return ((Claim.Granted) claim).entry();
    }

    /** {@code claim} answers as the request that wrote event {@link #E1} at {@code acceptedAtMillis} did. */
    private static void assertReplaysE1AcceptedAt(final Claim claim, final long acceptedAtMillis) {
        assertThat(claim).isInstanceOf(Claim.Replay.class);
        assertThat(((Claim.Replay) claim).entry().eventId()).isEqualTo(E1);
        assertThat(((Claim.Replay) claim).entry().acceptedAtMillis()).isEqualTo(acceptedAtMillis);
    }
}
