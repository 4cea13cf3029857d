package io.restock.suppliergateway.topology;

import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.SupplierEvent;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderDocument;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderFold;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;
import io.restock.suppliergateway.suppliers.Channel;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.suppliers.SupplierCodec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * supplier-gateway's Kafka Streams topology (exactly_once_v2):
 * <ul>
 *   <li>{@code procurement.purchase-orders} (key purchaseOrderId, {@code PurchaseOrderEvent}) is folded into
 *       store {@value #PURCHASE_ORDERS_STORE} (key purchaseOrderId, JSON {@link PurchaseOrderView}): the view
 *       the HTTP API checks answers against.</li>
 *   <li>The same events, for suppliers whose channel is KAFKA, become the JSON {@link PurchaseOrderDocument}
 *       on {@code suppliers.<supplier-id>.purchase-orders} (key purchaseOrderId), chosen per record by a
 *       {@link TopicNameExtractor}: written in the same transaction as the input offsets, so exactly once.</li>
 *   <li>{@code supplier-gateway.suppliers} (compacted, key supplier id, JSON {@link Supplier}) is the global
 *       store {@value #SUPPLIERS_STORE}; configured suppliers are the fallback for ids it lacks.</li>
 *   <li>{@code procurement.supplier-events} (key purchaseOrderId, {@code SupplierEvent}, written by this
 *       service's HTTP API) feeds store {@value #MESSAGE_IDS_STORE} (key {@code supplierId/messageId},
 *       JSON {@link RememberedMessage}): the durable half of the API's idempotency. An id is forgotten once its
 *       answer is older than the message-id retention (default {@link #DEFAULT_MESSAGE_ID_RETENTION}, the
 *       retention of {@code procurement.supplier-events}), swept by a wall-clock punctuation at most hourly.</li>
 * </ul>
 * Both keyed stores are partitioned by purchaseOrderId (the two source topics are co-partitioned).
 */
public final class GatewayTopology {

    public static final String PURCHASE_ORDERS_STORE = "purchase-orders";
    public static final String MESSAGE_IDS_STORE = "supplier-message-ids";
    public static final String SUPPLIERS_STORE = "suppliers";
    /** On records written to a supplier's topic: which supplier (read by the topic extractor). */
    public static final String SUPPLIER_HEADER = "restock.supplier-id";
    /** On supplier events written by the HTTP API: SHA-256 of the request body (idempotency). */
    public static final String REQUEST_DIGEST_HEADER = "restock.request-digest";
    /** How long a supplier message id is remembered: as long as the answer itself stays on its topic. */
    public static final Duration DEFAULT_MESSAGE_ID_RETENTION = Topics.SUPPLIER_EVENTS.spec().retention();
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofHours(1);

    private GatewayTopology() {
    }

    /** Adds the topology to {@code builder}; returns the purchase-order stream. */
    public static KStream<String, PurchaseOrderEvent> define(final StreamsBuilder builder, final EventSerdes serdes,
                              final Map<String, Supplier> configuredSuppliers) {
        return define(builder, serdes, configuredSuppliers, DEFAULT_MESSAGE_ID_RETENTION);
    }

    /** As above; supplier message ids are forgotten once their answer is older than {@code messageIdRetention}. */
    public static KStream<String, PurchaseOrderEvent> define(final StreamsBuilder builder, final EventSerdes serdes,
                              final Map<String, Supplier> configuredSuppliers, final Duration messageIdRetention) {
        if (messageIdRetention.isNegative() || messageIdRetention.isZero()) {
            throw new IllegalArgumentException("message-id retention must be positive: " + messageIdRetention);
        }
        builder.globalTable(GatewayTopics.SUPPLIERS.name(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("suppliers-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(SUPPLIERS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PURCHASE_ORDERS_STORE),
                Serdes.String(), new JsonSerde<>(PurchaseOrderView.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MESSAGE_IDS_STORE),
                Serdes.String(), new JsonSerde<>(RememberedMessage.class)));

        final KStream<String, PurchaseOrderEvent> purchaseOrders = builder.stream(Topics.PURCHASE_ORDERS.name(),
                Topics.PURCHASE_ORDERS.consumed(serdes).withName("purchase-orders-source"));
        purchaseOrders.process(PurchaseOrderViewProcessor::new, Named.as("purchase-order-view"), PURCHASE_ORDERS_STORE);
        purchaseOrders
                .process(() -> new KafkaChannelRouter(configuredSuppliers), Named.as("route-to-kafka-suppliers"))
                .to(supplierTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("supplier-topics-sink"));

        builder.stream(Topics.SUPPLIER_EVENTS.name(), Topics.SUPPLIER_EVENTS.consumed(serdes).withName("supplier-events-source"))
                .process(() -> new MessageIdRecorder(messageIdRetention), Named.as("remember-supplier-messages"),
                        MESSAGE_IDS_STORE);
        return purchaseOrders;
    }

    /** The supplier's own topic, from the header {@link KafkaChannelRouter} puts on each record. */
    static TopicNameExtractor<String, String> supplierTopic() {
        return new SupplierTopicExtractor();
    }

    private static final class SupplierTopicExtractor implements TopicNameExtractor<String, String> {
        @Override
        public String extract(final String key, final String value,
                              final org.apache.kafka.streams.processor.RecordContext context) {
            final Header header = context.headers().lastHeader(SUPPLIER_HEADER);
            return Topics.supplierPurchaseOrders(new String(header.value(), StandardCharsets.UTF_8)).name();
        }

        @Override
        public String toString() {
            return "suppliers.<supplier-id>.purchase-orders";
        }
    }

    /** Looks a supplier up in the registry topic's global store, then in configuration. */
    static Supplier supplier(final ReadOnlyKeyValueStore<String, ?> store, final Map<String, Supplier> configured,
                             final String id) {
        Object value = store.get(id);
        if (value instanceof ValueAndTimestamp<?> stamped) {
            value = stamped.value();
        }
        return value == null ? configured.get(id) : SupplierCodec.read((String) value);
    }

    private static final class PurchaseOrderViewProcessor implements Processor<String, PurchaseOrderEvent, Void, Void> {
        private KeyValueStore<String, PurchaseOrderView> store;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(PURCHASE_ORDERS_STORE);
        }

        @Override
        public void process(final Record<String, PurchaseOrderEvent> record) {
            if (record.key() == null || record.value() == null) {
                throw new IllegalArgumentException("a purchase-order event needs a key and a value");
            }
            final PurchaseOrderView next = PurchaseOrderFold.apply(store.get(record.key()), record.value());
            if (next != null) {
                store.put(record.key(), next);
            }
        }
    }

    private static final class KafkaChannelRouter
            extends ContextualProcessor<String, PurchaseOrderEvent, String, String> {
        private final Map<String, Supplier> configured;
        private ReadOnlyKeyValueStore<String, ?> suppliers;

        KafkaChannelRouter(final Map<String, Supplier> configured) {
            this.configured = configured;
        }

        @Override
        public void init(final ProcessorContext<String, String> context) {
            super.init(context);
            this.suppliers = context.getStateStore(SUPPLIERS_STORE);
        }

        @Override
        public void process(final Record<String, PurchaseOrderEvent> record) {
            if (record.value() == null) {
                return;
            }
            final String supplierId = PurchaseOrderDocument.supplierId(record.value());
            final Supplier supplier = supplier(suppliers, configured, supplierId);
            if (supplier == null || supplier.channel() != Channel.KAFKA) {
                return; // WEBHOOK suppliers are served by the webhook dispatcher; unknown ones are dead-lettered there
            }
            final RecordHeaders headers = new RecordHeaders();
            headers.add(SUPPLIER_HEADER, supplierId.getBytes(StandardCharsets.UTF_8));
            headers.add("restock.event-type", PurchaseOrderDocument.eventType(record.value()).getBytes(StandardCharsets.UTF_8));
            context().forward(new Record<>(record.key(), PurchaseOrderDocument.json(record.value()), record.timestamp(),
                    headers));
        }
    }

    private static final class MessageIdRecorder implements Processor<String, SupplierEvent, Void, Void> {
        private final Duration retention;
        private KeyValueStore<String, RememberedMessage> store;

        MessageIdRecorder(final Duration retention) {
            this.retention = retention;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(MESSAGE_IDS_STORE);
            final Duration every = retention.compareTo(MAX_SWEEP_INTERVAL) < 0 ? retention : MAX_SWEEP_INTERVAL;
            context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
        }

        /** Deletes (with changelog tombstones) the ids whose answer was accepted before {@code now - retention}. */
        private void forgetExpired(final long now) {
            final long cutoff = now - retention.toMillis();
            final List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, RememberedMessage> all = store.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value != null && entry.value.acceptedAtMillis() < cutoff) {
                        expired.add(entry.key);
                    }
                });
            }
            expired.forEach(store::delete);
        }

        @Override
        public void process(final Record<String, SupplierEvent> record) {
            if (record.value() == null) {
                return;
            }
            final Header digest = record.headers().lastHeader(REQUEST_DIGEST_HEADER);
            final RememberedMessage remembered = switch (record.value().getEvent()) {
                case PurchaseOrderAcknowledged e -> remember(e.getSupplierId(), e.getSupplierMessageId(),
                        e.getPurchaseOrderId(), e.getEventId(), "acknowledgement", digest, e.getOccurredAt().toEpochMilli());
                case PurchaseOrderRejected e -> remember(e.getSupplierId(), e.getSupplierMessageId(),
                        e.getPurchaseOrderId(), e.getEventId(), "acknowledgement", digest, e.getOccurredAt().toEpochMilli());
                case PromisedDateChanged e -> remember(e.getSupplierId(), e.getSupplierMessageId(),
                        e.getPurchaseOrderId(), e.getEventId(), "promised-dates", digest, e.getOccurredAt().toEpochMilli());
                case ShipmentDispatched e -> remember(e.getSupplierId(), e.getSupplierMessageId(),
                        e.getPurchaseOrderId(), e.getEventId(), "shipment", digest, e.getOccurredAt().toEpochMilli());
                default -> null;
            };
            if (remembered != null) {
                store.putIfAbsent(keyOf(record.value()), remembered);
            }
        }

        private static String keyOf(final SupplierEvent event) {
            return switch (event.getEvent()) {
                case PurchaseOrderAcknowledged e -> RememberedMessage.key(e.getSupplierId(), e.getSupplierMessageId());
                case PurchaseOrderRejected e -> RememberedMessage.key(e.getSupplierId(), e.getSupplierMessageId());
                case PromisedDateChanged e -> RememberedMessage.key(e.getSupplierId(), e.getSupplierMessageId());
                case ShipmentDispatched e -> RememberedMessage.key(e.getSupplierId(), e.getSupplierMessageId());
                default -> throw new IllegalArgumentException("unknown supplier event");
            };
        }

        private static RememberedMessage remember(final String supplierId, final String messageId,
                                                  final String purchaseOrderId, final String eventId,
                                                  final String kind, final Header digest, final long at) {
            return new RememberedMessage(purchaseOrderId, eventId, kind,
                    digest == null ? null : new String(digest.value(), StandardCharsets.UTF_8), at);
        }
    }
}
