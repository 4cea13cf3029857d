package io.restock.orderintake.idempotency;

import io.restock.orderintake.idempotency.IdempotencyGuard.Claim;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyGuardTest {

    final AtomicLong nanos = new AtomicLong();
    final IdempotencyGuard guard = new IdempotencyGuard(8, 30_000, nanos::get);

    @Test
    void aKeyInFlightIsRefusedUntilItCompletes() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", "h1");
        assertThat(first).isInstanceOf(Claim.Granted.class);

        assertThat(guard.claim("shop-a", "k1", "o-1", "h1")).isInstanceOf(Claim.InFlight.class);
        assertThat(guard.inFlight()).isEqualTo(1);

        guard.accepted(((Claim.Granted) first).entry(), "e-1", 1000, null, 2, 40);
        final Claim replay = guard.claim("shop-a", "k1", "o-1", "h1");
        assertThat(replay).isInstanceOf(Claim.Replay.class);
        assertThat(((Claim.Replay) replay).entry().eventId()).isEqualTo("e-1");
    }

    @Test
    void aKeyWithAnotherBodyIsReusedAndAnotherKeyForTheSameOrderFindsTheOrder() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", "h1");
        guard.accepted(((Claim.Granted) first).entry(), "e-1", 1000, null, 2, 40);

        assertThat(guard.claim("shop-a", "k1", "o-1", "other")).isInstanceOf(Claim.KeyReused.class);
        assertThat(guard.claim("shop-a", "k1", "o-2", "h2")).isInstanceOf(Claim.KeyReused.class);
        assertThat(guard.claim("shop-a", "k2", "o-1", "h1")).isInstanceOf(Claim.OrderExists.class);
        assertThat(guard.claim("shop-b", "k1", "o-3", "h1")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void aReleasedClaimLeavesNoTrace() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", "h1");
        guard.release(((Claim.Granted) first).entry());

        assertThat(guard.claim("shop-a", "k1", "o-1", "h1")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void acceptedKeysAreForgottenOnceTheViewHasAppliedTheirRecord() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", "h1");
        guard.accepted(((Claim.Granted) first).entry(), "e-1", 1000, null, 2, 40);

        guard.applied(2, 39);
        guard.evict();
        assertThat(guard.recent("o-1")).isPresent();

        guard.applied(2, 40);
        guard.evict();
        assertThat(guard.recent("o-1")).isEmpty();
        assertThat(guard.size()).isZero();
    }

    @Test
    void acceptedKeysAreForgottenAfterTheBackstopAgeEvenIfTheViewLags() {
        final Claim first = guard.claim("shop-a", "k1", "o-1", "h1");
        guard.accepted(((Claim.Granted) first).entry(), "e-1", 1000, null, 2, 40);

        nanos.addAndGet(30_000_000_000L);
        guard.evict();

        assertThat(guard.size()).isZero();
    }
}
