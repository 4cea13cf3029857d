package io.restock.orderintake.idempotency;

import io.restock.events.OrderEvent;
import io.restock.orderintake.status.ViewProgress;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * This instance's memory of Idempotency-Keys and order ids that are in flight or were accepted but
 * may not be in the status view yet. It answers the cases the durable view cannot answer yet: a
 * key still in flight (409), a replay or a different body in the moments before the view has
 * applied the order. An accepted entry is forgotten once the view has applied the order's record
 * (the view is told through {@link ViewProgress}), or after {@code maxAge} as a backstop; from then
 * on the view answers (see {@code OrderIntake}).
 */
public final class IdempotencyGuard implements ViewProgress {

    /** What a new request may do. */
    public sealed interface Claim {
        /** Go ahead: check the view, publish, then {@link #accepted} or {@link #release} the entry. */
        record Granted(Entry entry) implements Claim {
        }

        /** The same key is being processed right now. */
        record InFlight() implements Claim {
        }

        /** The same key and body were accepted: answer as then. */
        record Replay(Entry entry) implements Claim {
        }

        /** The key was used with a different body. */
        record KeyReused() implements Claim {
        }

        /** Another request (another key) has placed, or is placing, this order id. */
        record OrderExists() implements Claim {
        }
    }

    /** One request's claim on its key and order id. */
    public static final class Entry {
        private final String shopKey;
        private final String orderId;
        private final String requestHash;
        private volatile boolean accepted;
        private volatile String eventId;
        private volatile long acceptedAtMillis;
        private volatile OrderEvent event;
        private int partition;
        private long offset;
        private long acceptedAtNanos;

        Entry(final String shopKey, final String orderId, final String requestHash) {
            this.shopKey = shopKey;
            this.orderId = orderId;
            this.requestHash = requestHash;
        }

        public String orderId() {
            return orderId;
        }

        public String eventId() {
            return eventId;
        }

        public long acceptedAtMillis() {
            return acceptedAtMillis;
        }

        /** The accepted {@code OrderPlaced}, until the view has it. */
        public OrderEvent event() {
            return event;
        }

        public boolean isAccepted() {
            return accepted;
        }
    }

    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byOrder = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> acceptedQueue = new ConcurrentLinkedQueue<>();
    private final AtomicLongArray applied;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    public IdempotencyGuard(final int maxPartitions, final long maxAgeMillis, final LongSupplier nanoTime) {
        this.applied = new AtomicLongArray(maxPartitions);
        for (int p = 0; p < maxPartitions; p++) {
            applied.set(p, -1);
        }
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
        this.nanoTime = nanoTime;
    }

    public static String shopKey(final String shopId, final String idempotencyKey) {
        return shopId + "/" + idempotencyKey;
    }

    public Claim claim(final String shopId, final String idempotencyKey, final String orderId,
                       final String requestHash) {
        final String shopKey = shopKey(shopId, idempotencyKey);
        final Entry fresh = new Entry(shopKey, orderId, requestHash);
        final Entry prior = byKey.putIfAbsent(shopKey, fresh);
        if (prior != null) {
            if (!prior.accepted) {
                return new Claim.InFlight();
            }
            return prior.requestHash.equals(requestHash) && prior.orderId.equals(orderId)
                    ? new Claim.Replay(prior) : new Claim.KeyReused();
        }
        final Entry priorOrder = byOrder.putIfAbsent(orderId, fresh);
        if (priorOrder != null) {
            byKey.remove(shopKey, fresh);
            return priorOrder.accepted ? new Claim.OrderExists() : new Claim.InFlight();
        }
        return new Claim.Granted(fresh);
    }

    /** The request failed or was refused after its claim: forget it. */
    public void release(final Entry entry) {
        byKey.remove(entry.shopKey, entry);
        byOrder.remove(entry.orderId, entry);
    }

    /** Kafka acknowledged the order's record at this partition and offset. */
    public void accepted(final Entry entry, final String eventId, final long acceptedAtMillis, final OrderEvent event,
                         final int partition, final long offset) {
        entry.eventId = eventId;
        entry.acceptedAtMillis = acceptedAtMillis;
        entry.event = event;
        entry.partition = partition;
        entry.offset = offset;
        entry.acceptedAtNanos = nanoTime.getAsLong();
        entry.accepted = true;
        acceptedQueue.add(entry);
        evict();
    }

    /** An order this instance accepted and the view may not show yet. */
    public Optional<Entry> recent(final String orderId) {
        final Entry entry = byOrder.get(orderId);
        return entry != null && entry.accepted ? Optional.of(entry) : Optional.empty();
    }

    @Override
    public void applied(final int partition, final long offset) {
        if (partition < applied.length()) {
            applied.accumulateAndGet(partition, offset, Math::max);
        }
        evict();
    }

    /** Entries held; for the metrics. */
    public int size() {
        return byKey.size();
    }

    /** Entries in flight; for the metrics and tests. */
    public long inFlight() {
        return byKey.values().stream().filter(e -> !e.accepted).count();
    }

    /** Forgets accepted entries the view has applied (or that are older than the backstop age). */
    public void evict() {
        final long now = nanoTime.getAsLong();
        for (Entry head = acceptedQueue.peek(); head != null; head = acceptedQueue.peek()) {
            final boolean inView = head.partition < applied.length() && head.offset <= applied.get(head.partition);
            if (!inView && now - head.acceptedAtNanos < maxAgeNanos) {
                return;
            }
            if (acceptedQueue.remove(head)) {
                byKey.remove(head.shopKey, head);
                byOrder.remove(head.orderId, head);
            }
        }
    }
}
