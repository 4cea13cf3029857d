package io.restock.suppliergateway.answers;

import io.restock.suppliergateway.topology.RememberedMessage;
import io.restock.suppliergateway.streams.GatewayStores;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Idempotency of supplier answers by {@code (supplierId, messageId)}. Durable: the store
 * {@code supplier-message-ids}, fed from {@code procurement.supplier-events} (what this service wrote),
 * so it survives restarts; an id is forgotten once its answer is older than
 * {@code supplier-gateway.answers.message-id-retention} (30 days, as the topic keeps the answers; swept hourly
 * by the topology), after which the same id is a new message. In memory, for
 * the moment between the write and the store catching up: answers in flight or just written (kept
 * {@link #RECENT}); a second request with the same id waits for the first's outcome.
 */
@Singleton
public final class MessageIds {

    static final Duration RECENT = Duration.ofMinutes(2);

    private final GatewayStores stores;
    private final Map<String, Entry> recent = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<RememberedMessage> outcome, Instant since) {
    }

    public MessageIds(final GatewayStores stores) {
        this.stores = stores;
    }

    /** What the id was accepted as, if it was (or is being) accepted. */
    public Optional<CompletableFuture<RememberedMessage>> lookup(final String supplierId, final String messageId) {
        final Entry entry = recent.get(RememberedMessage.key(supplierId, messageId));
        if (entry != null) {
            return Optional.of(entry.outcome());
        }
        return stores.message(supplierId, messageId).map(CompletableFuture::completedFuture);
    }

    /**
     * Runs {@code write} unless another request already claimed the id: then returns that one's outcome.
     * A failed write releases the id.
     */
    public CompletableFuture<RememberedMessage> claim(final String supplierId, final String messageId,
                                                      final Supplier<CompletableFuture<RememberedMessage>> write) {
        evictOld();
        final String key = RememberedMessage.key(supplierId, messageId);
        final CompletableFuture<RememberedMessage> mine = new CompletableFuture<>();
        final Entry existing = recent.putIfAbsent(key, new Entry(mine, Instant.now()));
        if (existing != null) {
            return existing.outcome();
        }
        write.get().whenComplete((remembered, error) -> {
            if (error != null) {
                recent.remove(key);
                mine.completeExceptionally(error);
            } else {
                mine.complete(remembered);
            }
        });
        return mine;
    }

    private void evictOld() {
        final Instant cutoff = Instant.now().minus(RECENT);
        recent.entrySet().removeIf(e -> e.getValue().outcome().isDone() && e.getValue().since().isBefore(cutoff));
    }
}
