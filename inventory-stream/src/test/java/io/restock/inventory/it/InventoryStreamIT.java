package io.restock.inventory.it;

import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real topology under exactly_once_v2 on a real broker and registry: a policy, a receipt of 10
 * and an order of 15 give, read with read_committed, 10 allocated and 5 backordered; a malformed
 * order record lands on {@code dlq.orders.order-events} and processing goes on.
 */
@RestockKafka
class InventoryStreamIT {

    private static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.LINE_EVENTS,
            Topics.STOCK_MOVEMENTS, Topics.STOCK_LEVELS, Topics.STOCK_SHORTFALLS, Topics.SHIPMENT_REQUESTS,
            Topics.SKU_POLICIES, Topics.SUPPLIER_OFFERS, Topics.SKU_SUPPLY, Topics.DELIVERY_DATES);

    @Test
    void allocatesAndBackordersExactlyOnceOnARealBroker(final KafkaEnvironment kafka, @TempDir final Path stateDir)
            throws Exception {
        final Duration timeout = Duration.ofSeconds(20);
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String sku = "sku-" + run;
        final String orderId = "order-" + run;
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(TOPICS);
        }
        final EventSerdes serdes = EventSerdes.registry(registry, false);

        final StreamsBuilder builder = new StreamsBuilder();
        InventoryTopology.define(builder, serdes, InventorySettings.defaults());
        final Properties props = InventoryStreamsConfig.properties(kafka.bootstrapServers(), stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "inventory-stream-it-" + run);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);

        final Instant now = Instant.now();
        final byte[] garbage = "not an order".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, serdes, Topics.SKU_POLICIES, sku, SkuPolicy.newBuilder().setEventId("p-" + run)
                    .setOccurredAt(now).setSku(sku).setBackorderable(true).setMaxWaitDays(30).setReorderPoint(0)
                    .setTargetLevel(0).setHandlingDays(1).setSubstitutes(List.of()).build());
            send(producer, serdes, Topics.SUPPLIER_OFFERS, Topics.offerKey("acme", sku), new SupplierOffer("so-" + run,
                    now, "acme", sku, 5, new BigDecimal("2.0000"), "EUR", 1, 1, false, 1.0, true));
            send(producer, serdes, Topics.STOCK_MOVEMENTS, sku, new StockMovement(new StockReceived("r-" + run, now,
                    "mv-" + run, "wh-1", sku, 10, null, null)));
            producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), "bad-" + run, garbage)).get();
            send(producer, serdes, Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder()
                    .setEventId("o-" + run).setOccurredAt(now).setOrderId(orderId).setShopId("shop-1")
                    .setCustomer(Customer.newBuilder().setCustomerId("c-1").setEmail(null).setTier(CustomerTier.GOLD).build())
                    .setPlacedAt(now).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null).setCurrency("EUR")
                    .setLines(List.of(new OrderLine("1", sku, 15, new BigDecimal("9.9900")))).build()));
        }

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            final List<Object> events = new ArrayList<>();
            try (KafkaConsumer<String, LineEvent> consumer = consumer(kafka,
                    Topics.LINE_EVENTS.valueSerde(serdes).deserializer())) {
                consumer.subscribe(List.of(Topics.LINE_EVENTS.name()));
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    for (final ConsumerRecord<String, LineEvent> r : consumer.poll(Duration.ofMillis(200))) {
                        if (orderId.equals(r.key())) {
                            events.add(r.value().getEvent());
                        }
                    }
                    return events.size() >= 2;
                });
            }
            assertThat(events).filteredOn(LineAllocated.class::isInstance).map(LineAllocated.class::cast)
                    .extracting(LineAllocated::getQuantity).containsExactly(10);
            assertThat(events).as("line events of %s: %s", orderId, events)
                    .filteredOn(LineBackordered.class::isInstance).map(LineBackordered.class::cast)
                    .extracting(LineBackordered::getQuantity).containsExactly(5);

            final Map<String, ConsumerRecord<String, byte[]>> dead = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(DeadLetters.topicFor(Topics.ORDER_EVENTS.name())));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> dead.put(r.key(), r));
                    return dead.containsKey("bad-" + run);
                });
            }
            final ConsumerRecord<String, byte[]> letter = dead.get("bad-" + run);
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(DeadLetters.header(letter.headers(), DeadLetters.STAGE)).contains("deserialization");
        }
    }

    private static <V> void send(final KafkaProducer<String, byte[]> producer, final EventSerdes serdes,
                                 final Topic<String, V> topic, final String key, final V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
    }

    private static <V> KafkaConsumer<String, V> consumer(final KafkaEnvironment kafka,
                                                         final org.apache.kafka.common.serialization.Deserializer<V> values) {
        final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("inventory-it-" + UUID.randomUUID()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
