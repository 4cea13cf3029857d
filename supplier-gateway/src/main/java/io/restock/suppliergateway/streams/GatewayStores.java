package io.restock.suppliergateway.streams;

import io.restock.suppliergateway.answers.RememberedMessage;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;
import io.restock.suppliergateway.topology.GatewayTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the topology's stores from the HTTP side. The keyed stores are read across this instance's
 * tasks; supplier-gateway runs as one instance (see README: several instances would need a forwarding read
 * like inventory-stream's). Not RUNNING, or a store moving: {@link StoreUnavailableException} (503).
 */
@Singleton
public final class GatewayStores {

    private final KafkaStreams streams;

    GatewayStores(final KafkaStreams streams) {
        this.streams = streams;
    }

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
            throw new StoreUnavailableException("store " + storeName + " is restoring or moving", e);
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
            throw new StoreUnavailableException("the supplier registry is loading", e);
        }
        return all;
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(final String name) {
        if (!running()) {
            throw new StoreUnavailableException("supplier-gateway is " + streams.state() + ", not yet RUNNING", null);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + name + " is restoring or moving", e);
        }
    }
}
