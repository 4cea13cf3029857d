package io.restock.inventory.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.restock.events.CustomerTier;
import io.restock.events.StockLevel;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.inventory.topology.SkuBookCodec;
import io.restock.inventory.topology.SkuKeys;
import io.restock.inventory.topology.StoredMovementIds;
import io.restock.inventory.topology.StoredSkuLines;
import io.restock.service.streams.ForwardedReply;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerForwarder;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.quote.QuoteParameters;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SKU books with interactive queries on the service's {@link StreamsRunner} (and quotes availability on
 * them, {@link #availability}) (the header from {@code sku-stock}, the lines from
 * {@code sku-lines}, remembered movement ids from {@code sku-movement-ids}), wherever the SKU lives:
 * {@link StoreOwners} names the instance that owns the SKU's partition; this instance reads its own
 * store, or forwards the GET once to the owner ({@link OwnerForwarder}; a forwarded request that lands
 * on a non-owner is refused, never forwarded again). Reads are refused with
 * {@link OwnerUnavailableException} while the application is not RUNNING (starting, restoring,
 * rebalancing), when the owner is unknown, or when the owner does not answer.
 *
 * <p>Reads are of the local store, which under exactly-once may hold the current commit interval's
 * uncommitted changes (interactive queries are read-uncommitted).
 */
@Singleton
public final class SkuBookQueries {

    private final StreamsRunner runner;
    private final InventorySettings settings;
    private final StoreOwners owners;
    private final OwnerForwarder forwarder;
    private final ObjectMapper json;
    private final Clock clock;

    SkuBookQueries(final StreamsRunner runner, final InventorySettings settings, final ObjectMapper json,
                   @Value("${inventory-stream.http.forward-timeout:2s}") final Duration forwardTimeout) {
        this.runner = runner;
        this.settings = settings;
        this.json = json;
        this.owners = runner.owners();
        this.forwarder = new OwnerForwarder(owners.selfName(), forwardTimeout);
        this.clock = Clock.systemUTC();
    }

    /** The SKU's stock level; empty if the SKU was never seen. */
    public Optional<StockView> stock(final String sku, final String movementId, final String forwardedBy) {
        return stock(sku, movementId, null, null, forwardedBy);
    }

    /**
     * The SKU's stock level, and with {@code orderId} and {@code lineId} the units a shipment of that line may
     * take ({@link StockView#lineShippable}); empty if the SKU was never seen.
     */
    public Optional<StockView> stock(final String sku, final String movementId, final String orderId,
                                     final String lineId, final String forwardedBy) {
        final boolean line = orderId != null && lineId != null;
        final StringBuilder query = new StringBuilder();
        if (movementId != null) {
            query.append("&movementId=").append(encode(movementId));
        }
        if (line) {
            query.append("&orderId=").append(encode(orderId)).append("&lineId=").append(encode(lineId));
        }
        return read(sku, forwardedBy,
                local -> StockViews.stock(local.book(), clock.instant(), selfName(), movementId,
                        movementId == null ? null : local.ids().digestOf(movementId),
                        line ? shippable(sku, orderId, lineId, local.partition()) : null),
                owner -> "/skus/" + encode(sku) + "/stock" + (query.isEmpty() ? "" : "?" + query.substring(1)),
                StockView.class);
    }

    /**
     * A line's open units (allocated and backordered: {@code SkuBook.ship}), or the units a cancellation released from
     * it and the warehouse may still ship.
     */
    private int shippable(final String sku, final String orderId, final String lineId, final int partition) {
        final String key = SkuKeys.line(sku, orderId, lineId);
        final LineState open = this.<LineState>store(InventoryTopology.SKU_LINES, partition).get(key);
        if (open != null) {
            return open.getAllocated() + open.getBackordered();
        }
        final Integer withdrawn = this.<Integer>store(InventoryTopology.WITHDRAWN_SHIPMENTS, partition).get(key);
        return withdrawn == null ? 0 : withdrawn;
    }

    /** What a read on the SKU's owner sees: the book, its movement ids, the partition of its stores. */
    private record LocalRead(SkuBook book, StoredMovementIds ids, int partition) {
    }

    /** The SKU's backorder queue in priority order; empty if the SKU was never seen. */
    public Optional<BackorderQueueView> backorders(final String sku, final String forwardedBy) {
        return read(sku, forwardedBy,
                local -> StockViews.queue(local.book(), settings.priorityRule(), clock.instant(), selfName()),
                owner -> "/skus/" + encode(sku) + "/backorders",
                BackorderQueueView.class);
    }

    /**
     * What a line of {@code quote.quantity()} units placed now would get ({@link SkuBook#availability}, the code
     * acceptance runs), read on the SKU's owner at the wall clock; a SKU never seen is {@code UNKNOWN_SKU}.
     */
    public AvailabilityView availability(final String sku, final QuoteParameters quote, final String forwardedBy) {
        return read(sku, forwardedBy,
                local -> {
                    final Instant now = clock.instant();
                    final SkuBook.Context context = new SkuBook.Context(settings.priorityRule(), now, settings.zone(),
                            settings.defaultMaxWaitDays(), this::available);
                    final int tierRank = quote.tier() == null ? 0 : CustomerTier.valueOf(quote.tier()).ordinal();
                    final BigDecimal unitPrice = quote.unitPrice() == null ? BigDecimal.ZERO : quote.unitPrice();
                    return StockViews.availability(sku, quote.quantity(), quote.maxWaitDays(),
                            local.book().availability(quote.quantity(), quote.maxWaitDays(), tierRank, unitPrice,
                                    context), now, selfName());
                },
                owner -> "/skus/" + encode(sku) + "/availability?" + quote.query(),
                AvailabilityView.class)
                .orElseGet(() -> StockViews.unknownSku(sku, quote.quantity(), quote.maxWaitDays(), clock.instant(),
                        selfName()));
    }

    /** Units available now of another SKU (a substitute), from the global copy of {@code inventory.stock-levels}. */
    private int available(final String otherSku) {
        final Object value;
        try {
            value = runner.store(InventoryTopology.STOCK_LEVELS_GLOBAL,
                    QueryableStoreTypes.<String, Object>keyValueStore()).get(otherSku);
        } catch (final InvalidStateStoreException e) {
            throw new OwnerUnavailableException("the stock levels of other SKUs are not available: " + e.getMessage(), e);
        }
        final Object level = value instanceof ValueAndTimestamp<?> vt ? vt.value() : value;
        return level instanceof StockLevel l ? Math.max(0, l.getAvailable()) : 0;
    }

    private <T> Optional<T> read(final String sku, final String forwardedBy,
                                 final Function<LocalRead, T> view,
                                 final Function<HostInfo, String> remotePath, final Class<T> type) {
        final KeyOwner owner = owners.ownerOf(InventoryTopology.SKU_STOCK, sku, Serdes.String().serializer(),
                forwardedBy);
        return switch (owner) {
            case KeyOwner.Remote(final HostInfo host, final int partition) -> remote(host, remotePath.apply(host), type);
            case KeyOwner.Local(final int partition) -> local(sku, partition, view);
        };
    }

    private <T> Optional<T> local(final String sku, final int partition, final Function<LocalRead, T> view) {
        try {
            final SkuState stored = this.<SkuState>store(InventoryTopology.SKU_STOCK, partition).get(sku);
            if (stored == null) {
                return Optional.empty();
            }
            // The three stores belong to the same task: the SKU's lines and ids live on the header's partition.
            final StoredMovementIds ids = StoredMovementIds.readOnly(sku,
                    this.<String>store(InventoryTopology.SKU_MOVEMENT_IDS, partition));
            final SkuBook book = new SkuBook(SkuBookCodec.fromState(stored),
                    StoredSkuLines.readOnly(sku, this.<LineState>store(InventoryTopology.SKU_LINES, partition)), ids);
            return Optional.of(view.apply(new LocalRead(book, ids, partition)));
        } catch (final InvalidStateStoreException e) {
            throw new OwnerUnavailableException("the store of " + sku + " is not available: " + e.getMessage(), e);
        }
    }

    /** The owner's answer: present on 200, empty on 404; anything else is {@link OwnerUnavailableException}. */
    private <T> Optional<T> remote(final HostInfo owner, final String pathAndQuery, final Class<T> type) {
        final ForwardedReply reply = forwarder.get(owner, pathAndQuery, Map.of("Accept", "application/json"));
        return switch (reply.status()) {
            case 200 -> {
                try {
                    yield Optional.of(json.readValue(reply.body(), type));
                } catch (final IOException e) {
                    throw new OwnerUnavailableException("the owner of this SKU (" + owner.host() + ":"
                            + owner.port() + ") answered what is not a " + type.getSimpleName() + ": " + e, e);
                }
            }
            case 404 -> Optional.empty();
            default -> throw new OwnerUnavailableException("the owner of this SKU (" + owner.host() + ":"
                    + owner.port() + ") answered " + reply.status());
        };
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(final String name, final int partition) {
        return runner.store(name, QueryableStoreTypes.<String, V>keyValueStore(), partition);
    }

    private String selfName() {
        return owners.selfName();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
