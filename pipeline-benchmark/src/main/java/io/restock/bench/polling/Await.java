package io.restock.bench.polling;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition outside this JVM (a broker offset, a service's health) by asking again at a fixed pace.
 * The benchmark's timings come from the systems it measures, never from these waits' lengths.
 */
public final class Await {

    private Await() {
    }

    /** Returns once {@code done} is true; fails after {@code timeout}, naming {@code what}. */
    public static void until(final BooleanSupplier done, final Duration every, final Duration timeout,
                             final String what) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }
}
