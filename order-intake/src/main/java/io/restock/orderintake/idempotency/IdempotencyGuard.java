package io.restock.orderintake.idempotency;

import io.restock.events.OrderEvent;
import io.restock.orderintake.view.ViewProgress;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Decides {@code POST /orders} idempotency in memory: which Idempotency-Keys (per shop) and order
 * ids are in flight or were accepted, with the body hash and the answer given. No store read is on
 * the request's path.
 *
 * <p>Durable by the order record itself: every {@code OrderPlaced} written for an HTTP request
 * carries its key, body hash, shop, event id and acceptance time as headers, and {@link
 * OrderLogFollower} feeds every {@code OrderPlaced} on {@code orders.order-events} back in through
 * {@link #remember}: on start (from {@code retention} ago; requests answer 503 until it has caught
 * up, see {@link #ready}) and from then on (orders written by other instances or by the Kafka
 * entrance). This instance's own acceptances are entered directly when Kafka acknowledges them.
 *
 * <p>Bounded: accepted keys are forgotten after {@code retention}, or oldest first above {@code
 * maxRemembered} entries. The {@code OrderPlaced} itself is held only until the status view has
 * applied it (told through {@link ViewProgress}; or after {@code pendingMaxAgeMillis}), so that
 * {@code GET /orders/{id}} can show an order the view has not seen yet.
 */
public final class IdempotencyGuard implements ViewProgress {

    /** What a new request may do. */
    public sealed interface Claim {
        /** Go ahead: publish, then {@link #accepted} or {@link #release} the entry. */
        record Granted(Entry entry) implements Claim {
        }

        /** The same key (or the same order id) is being processed right now. */
        record InFlight() implements Claim {
        }

        /** The same key and body were accepted: answer as then. */
        record Replay(Entry entry) implements Claim {
        }

        /** The key was used with a different body or for another order. */
        record KeyReused() implements Claim {
        }

        /** Another key (or the Kafka entrance) has placed this order id. */
        record OrderExists() implements Claim {
        }
    }

    /** The first 128 bits of a request body's SHA-256 (enough to tell bodies apart). */
    public record BodyHash(long high, long low) {

        public static BodyHash of(final byte[] sha256) {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (sha256[i] & 0xff);
                low = (low << 8) | (sha256[i + 8] & 0xff);
            }
            return new BodyHash(high, low);
        }

        /** From the hex SHA-256 in a record header; null if it is not one. */
        public static BodyHash ofHex(final String hex) {
            if (hex == null || hex.length() < 32) {
                return null;
            }
            try {
                return new BodyHash(java.util.HexFormat.fromHexDigitsToLong(hex, 0, 16),
                        java.util.HexFormat.fromHexDigitsToLong(hex, 16, 32));
            } catch (final IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** One order: claimed by a request here, or accepted (here or elsewhere). Kept small: one per order. */
    public static final class Entry {
        private final String shopKey;
        private final String orderId;
        private final long hashHigh;
        private final long hashLow;
        private volatile boolean accepted;
        private long eventIdHigh;
        private long eventIdLow;
        private String otherEventId;
        private volatile long acceptedAtMillis;
        private volatile OrderEvent pending;
        private int partition;
        private long offset;

        Entry(final String shopKey, final String orderId, final BodyHash hash) {
            this.shopKey = shopKey;
            this.orderId = orderId;
            this.hashHigh = hash == null ? 0 : hash.high();
            this.hashLow = hash == null ? 0 : hash.low();
        }

        public String orderId() {
            return orderId;
        }

        public String eventId() {
            return otherEventId != null ? otherEventId : new UUID(eventIdHigh, eventIdLow).toString();
        }

        public long acceptedAtMillis() {
            return acceptedAtMillis;
        }

        /** The accepted {@code OrderPlaced}, until the view has it (null otherwise). */
        public OrderEvent event() {
            return pending;
        }

        public boolean isAccepted() {
            return accepted;
        }

        boolean sameRequest(final String otherOrderId, final BodyHash hash) {
            return orderId.equals(otherOrderId) && hash != null && hashHigh == hash.high() && hashLow == hash.low();
        }

        private synchronized boolean markAccepted(final String eventId, final long acceptedAt, final OrderEvent event,
                                                  final int partition, final long offset) {
            if (accepted) {
                return false;
            }
            try {
                final UUID uuid = UUID.fromString(eventId);
                this.eventIdHigh = uuid.getMostSignificantBits();
                this.eventIdLow = uuid.getLeastSignificantBits();
                if (!uuid.toString().equals(eventId)) {
                    this.otherEventId = eventId;
                }
            } catch (final IllegalArgumentException e) {
                this.otherEventId = eventId;
            }
            this.acceptedAtMillis = acceptedAt;
            this.pending = event;
            this.partition = partition;
            this.offset = offset;
            this.accepted = true;
            return true;
        }
    }

    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byOrder = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> acceptedQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Entry> pendingQueue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger remembered = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLongArray applied;
    private final long retentionMillis;
    private final int maxRemembered;
    private final long pendingMaxAgeMillis;
    private final LongSupplier clockMillis;
    private volatile boolean ready;

    /**
     * @param maxPartitions       partitions of {@code orders.order-events} this instance may see
     * @param retentionMillis     how long an accepted key is remembered
     * @param maxRemembered       at most this many accepted orders are remembered (oldest forgotten first)
     * @param pendingMaxAgeMillis how long an accepted order is held for reads if the view does not apply it
     * @param clockMillis         wall-clock milliseconds
     */
    public IdempotencyGuard(final int maxPartitions, final long retentionMillis, final int maxRemembered,
                            final long pendingMaxAgeMillis, final LongSupplier clockMillis) {
        this.applied = new AtomicLongArray(maxPartitions);
        for (int p = 0; p < maxPartitions; p++) {
            applied.set(p, -1);
        }
        this.retentionMillis = retentionMillis;
        this.maxRemembered = maxRemembered;
        this.pendingMaxAgeMillis = pendingMaxAgeMillis;
        this.clockMillis = clockMillis;
    }

    public static String shopKey(final String shopId, final String idempotencyKey) {
        return shopId + "/" + idempotencyKey;
    }

    /** Whether the keys accepted before this instance started are all known (see {@link OrderLogFollower}). */
    public boolean ready() {
        return ready;
    }

    /** The log has been read up to where it ended when this instance started. */
    public void markReady() {
        ready = true;
    }

    /** How long accepted keys are remembered. */
    public long retentionMillis() {
        return retentionMillis;
    }

    public Claim claim(final String shopId, final String idempotencyKey, final String orderId, final BodyHash hash) {
        final String shopKey = shopKey(shopId, idempotencyKey);
        final Entry fresh = new Entry(shopKey, orderId, hash);
        final Entry prior = byKey.putIfAbsent(shopKey, fresh);
        if (prior != null) {
            if (!prior.accepted) {
                return new Claim.InFlight();
            }
            return prior.sameRequest(orderId, hash) ? new Claim.Replay(prior) : new Claim.KeyReused();
        }
        final Entry priorOrder = byOrder.putIfAbsent(orderId, fresh);
        if (priorOrder != null) {
            byKey.remove(shopKey, fresh);
            return priorOrder.accepted ? new Claim.OrderExists() : new Claim.InFlight();
        }
        inFlight.incrementAndGet();
        return new Claim.Granted(fresh);
    }

    /** The request failed or was refused after its claim: forget it (unless the log showed it stored meanwhile). */
    public void release(final Entry entry) {
        inFlight.decrementAndGet();
        if (entry.accepted) {
            return;
        }
        byKey.remove(entry.shopKey, entry);
        byOrder.remove(entry.orderId, entry);
    }

    /** Kafka acknowledged the order's record at this partition and offset. */
    public void accepted(final Entry entry, final String eventId, final long acceptedAtMillis, final OrderEvent event,
                         final int partition, final long offset) {
        inFlight.decrementAndGet();
        if (entry.markAccepted(eventId, acceptedAtMillis, event, partition, offset)) {
            enqueue(entry, event != null);
        }
        evict();
    }

    /**
     * An {@code OrderPlaced} read from {@code orders.order-events} (written here, by another instance,
     * or by the Kafka entrance). Idempotent: what is known already stays as it is.
     *
     * @param idempotencyKey null for orders that did not come through HTTP (then only the order id counts)
     */
    public void remember(final String orderId, final String shopId, final String idempotencyKey, final BodyHash hash,
                         final String eventId, final long acceptedAtMillis, final int partition, final long offset) {
        if (clockMillis.getAsLong() - acceptedAtMillis >= retentionMillis) {
            return;
        }
        if (idempotencyKey == null || shopId == null) {
            final Entry entry = new Entry(null, orderId, null);
            if (byOrder.putIfAbsent(orderId, entry) == null) {
                entry.markAccepted(eventId, acceptedAtMillis, null, partition, offset);
                enqueue(entry, false);
            }
        } else {
            final String shopKey = shopKey(shopId, idempotencyKey);
            final Entry known = byKey.get(shopKey);
            if (known != null && known.accepted) {
                return;
            }
            final Entry entry = new Entry(shopKey, orderId, hash);
            final Entry prior = known != null ? known : byKey.putIfAbsent(shopKey, entry);
            if (prior == null) {
                byOrder.putIfAbsent(orderId, entry);
                entry.markAccepted(eventId, acceptedAtMillis, null, partition, offset);
                enqueue(entry, false);
            } else if (prior.sameRequest(orderId, hash) && prior.markAccepted(eventId, acceptedAtMillis, null,
                    partition, offset)) {
                // Our own request, seen on the log before its acknowledgement arrived (or a retry of a
                // request whose acknowledgement was lost): it is stored, so it is accepted.
                enqueue(prior, false);
            }
        }
        evict();
    }

    /**
     * Whether the record of {@code orderId} at this partition and offset is already entered (typically this
     * instance's own acceptance, read back from the log): the reader can skip it without looking at its headers.
     */
    public boolean enteredAt(final String orderId, final int partition, final long offset) {
        final Entry entry = byOrder.get(orderId);
        return entry != null && entry.accepted && entry.partition == partition && entry.offset == offset;
    }

    /** An order this instance accepted and the view may not show yet. */
    public Optional<Entry> recent(final String orderId) {
        final Entry entry = byOrder.get(orderId);
        return entry != null && entry.accepted && entry.pending != null ? Optional.of(entry) : Optional.empty();
    }

    @Override
    public void applied(final int partition, final long offset) {
        if (partition < applied.length()) {
            applied.accumulateAndGet(partition, offset, Math::max);
        }
        evict();
    }

    /** Accepted orders remembered; for the metrics. */
    public int size() {
        return remembered.get();
    }

    /** Requests in flight; for the metrics and tests. */
    public long inFlight() {
        return inFlight.get();
    }

    /** Forgets accepted keys past their retention or above the bound, and orders the view has applied. */
    public void evict() {
        final long now = clockMillis.getAsLong();
        for (Entry head = acceptedQueue.peek(); head != null; head = acceptedQueue.peek()) {
            if (remembered.get() <= maxRemembered && now - head.acceptedAtMillis < retentionMillis) {
                break;
            }
            if (acceptedQueue.remove(head)) {
                remembered.decrementAndGet();
                if (head.shopKey != null) {
                    byKey.remove(head.shopKey, head);
                }
                byOrder.remove(head.orderId, head);
                head.pending = null;
            }
        }
        for (Entry head = pendingQueue.peek(); head != null; head = pendingQueue.peek()) {
            final boolean inView = head.partition < applied.length() && head.offset <= applied.get(head.partition);
            if (!inView && now - head.acceptedAtMillis < pendingMaxAgeMillis && head.pending != null) {
                break;
            }
            if (pendingQueue.remove(head)) {
                head.pending = null;
            }
        }
    }

    private void enqueue(final Entry entry, final boolean pending) {
        remembered.incrementAndGet();
        acceptedQueue.add(entry);
        if (pending) {
            pendingQueue.add(entry);
        }
    }
}
