package io.restock.demo.world;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * An open-loop driver: starts one task every {@code 1/rate} seconds on a fixed schedule, for a duration or a
 * count, whichever ends first, each on its own virtual thread, so a slow answer never delays the next start (a
 * closed loop, or {@code scheduleAtFixedRate} on a few threads, would wait for it and hide the queueing the
 * benchmark wants to see). The n-th task is due {@code n / rate} seconds after the start; how late each start was
 * against that is kept (the driver's own lag, which should stay near zero).
 */
public final class OpenLoop {

    /** Waits until a given {@link System#nanoTime()}-style instant. */
    @FunctionalInterface
    public interface Pause {
        void until(long nanos);
    }

    private final double perSecond;
    private final Duration duration;
    private final long maxCount;
    private final LongSupplier clock;
    private final Pause pause;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param perSecond tasks started per second (> 0)
     * @param duration  how long to keep starting tasks
     * @param maxCount  at most this many tasks; {@code 0} for no limit
     */
    public OpenLoop(final double perSecond, final Duration duration, final long maxCount) {
        this(perSecond, duration, maxCount, System::nanoTime, OpenLoop::parkUntil);
    }

    /** For tests: a clock in nanoseconds and the way to wait for it. */
    OpenLoop(final double perSecond, final Duration duration, final long maxCount, final LongSupplier clock,
             final Pause pause) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive: " + perSecond);
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("the count must be 0 (no limit) or positive: " + maxCount);
        }
        this.perSecond = perSecond;
        this.duration = duration;
        this.maxCount = maxCount;
        this.clock = clock;
        this.pause = pause;
    }

    /** Nanoseconds after the start at which task {@code n} (from 0) is due. */
    public long dueNanos(final long n) {
        return Math.round(n * 1e9 / perSecond);
    }

    /** How many tasks the schedule holds: those due before the duration ends, capped by the count. */
    public long plannedCount() {
        final long byTime = (long) Math.ceil(duration.toNanos() * perSecond / 1e9);
        return maxCount == 0 ? byTime : Math.min(byTime, maxCount);
    }

    /**
     * Runs the schedule on the calling thread, handing each task to {@code executor} when due; returns once the last
     * one was handed over (not once they finished) or {@link #stop()} was called.
     */
    public void run(final Runnable task, final java.util.concurrent.Executor executor) {
        final long start = clock.getAsLong();
        final long planned = plannedCount();
        for (long n = 0; n < planned && !stopped; n++) {
            final long due = start + dueNanos(n);
            if (clock.getAsLong() < due) {
                pause.until(due);
            }
            final long lag = clock.getAsLong() - due;
            maxLagNanos.accumulateAndGet(lag, Math::max);
            executor.execute(task);
            started.incrementAndGet();
        }
    }

    /**
     * Starts the schedule on a thread of its own, each task on a new virtual thread; the future completes when the
     * last task was started (or {@link #stop()}).
     */
    public CompletableFuture<Void> start(final Runnable task) {
        final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
        return CompletableFuture.runAsync(() -> run(task, tasks), command -> Thread.ofPlatform()
                .name("open-loop-driver").daemon().start(command));
    }

    /** Stops starting tasks (those started go on). */
    public void stop() {
        stopped = true;
    }

    /** Tasks started so far. */
    public long started() {
        return started.get();
    }

    /** The latest any task was started after it was due, in nanoseconds. */
    public long maxLagNanos() {
        return maxLagNanos.get();
    }

    public double perSecond() {
        return perSecond;
    }

    // Pacing: waits for the schedule's next instant (the thing being driven is never waited for).
    private static void parkUntil(final long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
