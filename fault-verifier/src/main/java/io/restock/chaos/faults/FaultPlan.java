package io.restock.chaos.faults;

import io.restock.stack.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * When and what to break, from a seed: {@code count} faults at random moments spread over the middle of the load
 * (10%-80% of it, at least {@link #MIN_GAP} apart, so each recovery has time before the next), their kinds taken
 * in turn from {@link #ROTATION}: a kill -9 of inventory-stream, a pause past the transaction timeout, a broker
 * restart, a kill -9 of backorder-processor, of notifier, then again. The paused service is drawn from the three
 * killed ones.
 */
public record FaultPlan(List<Fault> faults) {

    public static final Duration MIN_GAP = Duration.ofSeconds(20);

    public enum Kind { KILL, PAUSE, BROKER_RESTART }

    /** One fault: when after the load started, what, and which service (null for the broker). */
    public record Fault(Duration at, Kind kind, Service service) {
        @Override
        public String toString() {
            return kind.name().toLowerCase().replace('_', '-') + (service == null ? "" : " " + service.id())
                    + " at +" + at.toSeconds() + " s";
        }
    }

    static final List<Fault> ROTATION = List.of(
            new Fault(Duration.ZERO, Kind.KILL, Service.INVENTORY_STREAM),
            new Fault(Duration.ZERO, Kind.PAUSE, null),
            new Fault(Duration.ZERO, Kind.BROKER_RESTART, null),
            new Fault(Duration.ZERO, Kind.KILL, Service.BACKORDER_PROCESSOR),
            new Fault(Duration.ZERO, Kind.KILL, Service.NOTIFIER));

    private static final List<Service> FAULTY = List.of(Service.INVENTORY_STREAM, Service.BACKORDER_PROCESSOR,
            Service.NOTIFIER);

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    /**
     * @throws IllegalArgumentException when {@code count} faults {@link #MIN_GAP} apart do not fit in the load
     */
    public static FaultPlan of(final int count, final Duration load, final long seed) {
        final long first = load.toMillis() / 10;
        final long span = load.toMillis() * 8 / 10 - first;
        final long gap = MIN_GAP.toMillis();
        if (count > 0 && span < (count - 1) * gap) {
            throw new IllegalArgumentException(count + " faults need a load of at least "
                    + Duration.ofMillis((count - 1) * gap * 10 / 7 + 1).toSeconds() + " s (" + MIN_GAP.toSeconds()
                    + " s apart, within 10%-80% of it), not " + load.toSeconds() + " s");
        }
        final Random random = new Random(seed);
        // spread the slack at random between the faults: sorted cut points, then the gaps added back
        final long slack = span - Math.max(0, count - 1) * gap;
        final List<Long> cuts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cuts.add((long) (random.nextDouble() * slack));
        }
        cuts.sort(Long::compare);
        final List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final Fault kind = ROTATION.get(i % ROTATION.size());
            final Service service = kind.kind() == Kind.PAUSE ? FAULTY.get(random.nextInt(FAULTY.size()))
                    : kind.service();
            faults.add(new Fault(Duration.ofMillis(first + cuts.get(i) + i * gap), kind.kind(), service));
        }
        return new FaultPlan(faults);
    }
}
