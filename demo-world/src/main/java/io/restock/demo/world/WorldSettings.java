package io.restock.demo.world;

import java.time.Duration;

/**
 * How big and how fast the world is.
 *
 * @param duration       how long shops keep ordering (the world then lets in-flight work finish)
 * @param ordersPerSecond orders placed per wall-clock second, over all shops
 * @param seed           every random choice derives from it (the services' timing still varies)
 * @param secondsPerDay  wall-clock seconds one simulated day lasts
 * @param skus           catalogue size
 * @param settle         after ordering stops, how long suppliers and the warehouse go on
 */
public record WorldSettings(Duration duration, double ordersPerSecond, long seed, double secondsPerDay, int skus,
                            Duration settle) {

    public static WorldSettings defaults() {
        return new WorldSettings(Duration.ofMinutes(3), 4, 42, 3, 300, Duration.ofSeconds(45));
    }

    public WorldSettings withDuration(final Duration value) {
        return new WorldSettings(value, ordersPerSecond, seed, secondsPerDay, skus, settle);
    }

    public WorldSettings withOrdersPerSecond(final double value) {
        return new WorldSettings(duration, value, seed, secondsPerDay, skus, settle);
    }

    public WorldSettings withSeed(final long value) {
        return new WorldSettings(duration, ordersPerSecond, value, secondsPerDay, skus, settle);
    }

    public WorldSettings withSecondsPerDay(final double value) {
        return new WorldSettings(duration, ordersPerSecond, seed, value, skus, settle);
    }

    public WorldSettings withSkus(final int value) {
        return new WorldSettings(duration, ordersPerSecond, seed, secondsPerDay, value, settle);
    }

    public WorldSettings withSettle(final Duration value) {
        return new WorldSettings(duration, ordersPerSecond, seed, secondsPerDay, skus, value);
    }
}
