package io.restock.inventory.stock;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.inventory.topology.SkuBookCodec;
import io.restock.inventory.topology.StoredMovementIds;
import io.restock.inventory.topology.StoredSkuLines;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Clock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SKU books with interactive queries (the header from {@code sku-stock}, the lines from
 * {@code sku-lines}, remembered movement ids from {@code sku-movement-ids}), wherever the SKU lives:
 * {@link KafkaStreams#queryMetadataForKey} names the instance that owns the SKU's partition; this
 * instance reads its own store, or forwards to the owner ({@link OwnerClient}). Reads are refused
 * with {@link StoreUnavailableException} while the application is not RUNNING (starting, restoring,
 * rebalancing), when the owner is unknown, or when the owner does not answer.
 *
 * <p>Reads are of the local store, which under exactly-once may hold the current commit interval's
 * uncommitted changes (interactive queries are read-uncommitted).
 */
@Singleton
public final class SkuBookQueries {

    private final KafkaStreams streams;
    private final InventorySettings settings;
    private final OwnerClient owners;
    private final HostInfo self;
    private final Clock clock;

    SkuBookQueries(final KafkaStreams streams, final ConfiguredStreamBuilder builder, final InventorySettings settings,
                   final OwnerClient owners) {
        this.streams = streams;
        this.settings = settings;
        this.owners = owners;
        final String server = builder.getConfiguration().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
        this.clock = Clock.systemUTC();
    }

    /** The SKU's stock level; empty if the SKU was never seen. */
    public Optional<StockView> stock(final String sku, final String movementId, final String forwardedBy) {
        return read(sku, forwardedBy,
                book -> StockViews.stock(book, clock.instant(), selfName(), movementId),
                owner -> "/skus/" + encode(sku) + "/stock" + (movementId == null ? "" : "?movementId=" + encode(movementId)),
                StockView.class);
    }

    /** The SKU's backorder queue in priority order; empty if the SKU was never seen. */
    public Optional<BackorderQueueView> backorders(final String sku, final String forwardedBy) {
        return read(sku, forwardedBy,
                book -> StockViews.queue(book, settings.priorityRule(), clock.instant(), selfName()),
                owner -> "/skus/" + encode(sku) + "/backorders",
                BackorderQueueView.class);
    }

    private <T> Optional<T> read(final String sku, final String forwardedBy,
                                 final Function<SkuBook, T> view,
                                 final Function<HostInfo, String> remotePath, final Class<T> type) {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("inventory-stream is " + state
                    + " (starting, restoring or rebalancing its stores); try again shortly");
        }
        try {
            final KeyQueryMetadata metadata = streams.queryMetadataForKey(InventoryTopology.SKU_STOCK, sku,
                    Serdes.String().serializer());
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                throw new StoreUnavailableException("no instance owns the partition of " + sku + " right now");
            }
            final HostInfo owner = metadata.activeHost();
            if (self != null && !self.equals(owner)) {
                if (forwardedBy != null) {
                    throw new StoreUnavailableException("forwarded by " + forwardedBy + " but " + sku
                            + " is owned by " + owner.host() + ":" + owner.port() + " (ownership is moving)");
                }
                return owners.get(owner, remotePath.apply(owner), selfName(), type);
            }
            final SkuState stored = this.<SkuState>store(InventoryTopology.SKU_STOCK, metadata.partition()).get(sku);
            if (stored == null) {
                return Optional.empty();
            }
            // The three stores belong to the same task: the SKU's lines and ids live on the header's partition.
            final SkuBook book = new SkuBook(SkuBookCodec.fromState(stored),
                    StoredSkuLines.readOnly(sku, this.<LineState>store(InventoryTopology.SKU_LINES, metadata.partition())),
                    StoredMovementIds.readOnly(sku,
                            this.<String>store(InventoryTopology.SKU_MOVEMENT_IDS, metadata.partition())));
            return Optional.of(view.apply(book));
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("the store of " + sku + " is not available: " + e.getMessage(), e);
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(final String name, final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }

    private String selfName() {
        return self == null ? "local" : self.host() + ":" + self.port();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
