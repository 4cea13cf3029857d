package io.restock.bench.restore;

import io.restock.bench.Await;
import io.restock.events.SkuPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Fills inventory-stream's SKU stores for the restore measurement: per SKU ({@code BENCH-0000000} ...) a policy on
 * {@code catalog.sku-policies} (key sku, {@code SkuPolicy}: backorderable, reorder point and target 0, so no
 * shortfall and no purchase order follows) and a receipt of 10 units on {@code inventory.stock-movements} (key sku,
 * {@code StockReceived}), written straight to Kafka with the catalogue's serdes (the HTTP edges would take hours
 * for a million), then waits until inventory-stream's group has committed past them all. Also counts the records of
 * its changelog topics ({@code inventory-stream-*-changelog}).
 */
public final class RestoreLoad {

    /** inventory-stream's application id: its consumer group and the prefix of its changelogs. */
    static final String INVENTORY_APPLICATION_ID = "inventory-stream";
    private static final Duration WAIT = Duration.ofMinutes(30);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final PrintStream progress;

    public RestoreLoad(final String bootstrapServers, final String schemaRegistryUrl, final PrintStream progress) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.progress = progress;
    }

    /** The n-th SKU's id. */
    static String sku(final long n) {
        return "BENCH-%07d".formatted(n);
    }

    /** Writes {@code skus} policies and receipts and returns once inventory-stream has read them all. */
    public void load(final long skus) {
        final EventSerdes serdes = EventSerdes.registry(schemaRegistryUrl, false);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        final AtomicReference<Exception> failed = new AtomicReference<>();
        final String run = Long.toString(System.currentTimeMillis(), 36);
        try (KafkaProducer<String, SkuPolicy> policies = new KafkaProducer<>(props,
                Topics.SKU_POLICIES.keySerde(serdes).serializer(), Topics.SKU_POLICIES.valueSerde(serdes).serializer());
             KafkaProducer<String, StockMovement> movements = new KafkaProducer<>(props,
                     Topics.STOCK_MOVEMENTS.keySerde(serdes).serializer(),
                     Topics.STOCK_MOVEMENTS.valueSerde(serdes).serializer())) {
            for (long n = 0; n < skus; n++) {
                final String sku = sku(n);
                final Instant now = Instant.now();
                policies.send(new ProducerRecord<>(Topics.SKU_POLICIES.name(), sku, SkuPolicy.newBuilder()
                        .setEventId("bench-policy-" + run + "-" + n).setOccurredAt(now).setSku(sku)
                        .setDescription(null).setBackorderable(true).setMaxWaitDays(null).setReorderPoint(0)
                        .setSafetyStock(0).setTargetLevel(0).setHandlingDays(0).setSubstitutes(List.of())
                        .setDropShipAllowed(false).build()), (m, e) -> fail(failed, e));
                final String movementId = "bench-rcv-" + run + "-" + n;
                movements.send(new ProducerRecord<>(Topics.STOCK_MOVEMENTS.name(), sku, new StockMovement(
                        new StockReceived(movementId, now, movementId, "wh-bench", sku, 10, null, null))),
                        (m, e) -> fail(failed, e));
                if (n > 0 && n % 100_000 == 0) {
                    progress.printf("  %,d SKUs written%n", n);
                }
            }
            policies.flush();
            movements.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("writing the SKUs failed", failed.get());
        }
        progress.println("  written; waiting until inventory-stream has read them all ...");
        try (Admin admin = admin()) {
            final Map<TopicPartition, Long> ends = endOffsets(admin,
                    List.of(Topics.SKU_POLICIES.name(), Topics.STOCK_MOVEMENTS.name()), OffsetSpec.latest());
            Await.until(() -> caughtUp(admin, ends), Duration.ofMillis(500), WAIT,
                    "inventory-stream to read every SKU");
        }
    }

    /** Records in inventory-stream's changelog topics now (end minus start offsets, markers included). */
    public long changelogRecords() {
        try (Admin admin = admin()) {
            final List<String> changelogs = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(INVENTORY_APPLICATION_ID + "-") && t.endsWith("-changelog")).toList();
            final Map<TopicPartition, Long> ends = endOffsets(admin, changelogs, OffsetSpec.latest());
            final Map<TopicPartition, Long> starts = endOffsets(admin, changelogs, OffsetSpec.earliest());
            return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.getOrDefault(e.getKey(), 0L)).sum();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot count inventory-stream's changelog records", e);
        }
    }

    private boolean caughtUp(final Admin admin, final Map<TopicPartition, Long> ends) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(INVENTORY_APPLICATION_ID).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> {
                final OffsetAndMetadata at = committed.get(e.getKey());
                return at != null && at.offset() >= e.getValue();
            });
        } catch (final Exception e) {
            return false;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics,
                                                        final OffsetSpec spec) {
        try {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
            final Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (final Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + topics, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static void fail(final AtomicReference<Exception> failed, final Exception e) {
        if (e != null) {
            failed.compareAndSet(null, e);
        }
    }

}
