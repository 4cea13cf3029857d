package io.restock.suppliergateway.streams;

import io.restock.suppliergateway.topology.RememberedMessage;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;
import io.restock.suppliergateway.topology.GatewayTopology;
import io.restock.service.streams.KeyOwner;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.streams.StoreOwners;
import io.restock.service.streams.StreamsRunner;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the topology's stores from the HTTP side, on supplier-gateway's Kafka Streams application (the
 * {@link StreamsRunner} of {@link GatewayStreamsFactory}, started with the service). Both keyed stores are partitioned by purchaseOrderId:
 * with several instances, {@link #ownerOfPurchaseOrder} names the instance whose active task holds a purchase
 * order (and the supplier message ids recorded for it), from this instance's {@code application.server};
 * the controller forwards to it ({@link io.restock.service.streams.OwnerForwarder}). Not RUNNING, or a store
 * moving, no owner known, or a forwarded request reaching a non-owner: {@link OwnerUnavailableException} (503).
 */
@Singleton
public final class GatewayStores {

    private final StreamsRunner runner;
    private final StoreOwners owners;

    GatewayStores(final StreamsRunner runner) {
        this.runner = runner;
        this.owners = runner.owners();
    }

    /** The instance that answers for a purchase order: this one (its partition) or another. */
    public KeyOwner ownerOfPurchaseOrder(final String purchaseOrderId, final String forwardedBy) {
        return owners.ownerOf(GatewayTopology.PURCHASE_ORDERS_STORE, purchaseOrderId, Serdes.String().serializer(),
                forwardedBy);
    }

    /** This instance's {@code application.server} ({@code host:port}). */
    public String selfName() {
        return owners.selfName();
    }

    /** A purchase order in this instance's active partitions (see {@link #ownerOfPurchaseOrder}). */
    public Optional<PurchaseOrderView> purchaseOrder(final String purchaseOrderId) {
        return Optional.ofNullable(get(GatewayTopology.PURCHASE_ORDERS_STORE, purchaseOrderId));
    }

    public Optional<RememberedMessage> message(final String supplierId, final String messageId) {
        return Optional.ofNullable(get(GatewayTopology.MESSAGE_IDS_STORE, RememberedMessage.key(supplierId, messageId)));
    }

    private <V> V get(final String storeName, final String key) {
        try {
            return this.<V>store(storeName).get(key);
        } catch (final InvalidStateStoreException e) {
            throw new OwnerUnavailableException("store " + storeName + " is restoring or moving", e);
        }
    }

    /** The registry topic's records (JSON), by supplier id. */
    public Map<String, String> supplierRecords() {
        final Map<String, String> all = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> it = this.<String>store(GatewayTopology.SUPPLIERS_STORE).all()) {
            while (it.hasNext()) {
                final KeyValue<String, String> kv = it.next();
                all.put(kv.key, kv.value);
            }
        } catch (final InvalidStateStoreException e) {
            throw new OwnerUnavailableException("the supplier registry is loading", e);
        }
        return all;
    }

    public boolean running() {
        return runner.state() == KafkaStreams.State.RUNNING;
    }

    /** Not RUNNING, restoring or moving: {@link OwnerUnavailableException}. */
    private <V> ReadOnlyKeyValueStore<String, V> store(final String name) {
        return runner.store(name, QueryableStoreTypes.<String, V>keyValueStore());
    }
}
