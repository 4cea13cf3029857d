package io.restock.suppliergateway.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.events.PurchaseOrderEvent;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventDecodingException;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.streams.OwnerUnavailableException;
import io.restock.service.webhook.RetryPolicy;
import io.restock.service.webhook.WebhookSignature;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderDocument;
import io.restock.service.kafka.ClientLogin;
import io.restock.suppliergateway.streams.GatewayStores;
import io.restock.suppliergateway.suppliers.Channel;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.directory.SupplierDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers purchase-order events to WEBHOOK suppliers. Reads {@code procurement.purchase-orders} (key
 * purchaseOrderId, {@code PurchaseOrderEvent}, read_committed) in consumer group
 * {@code supplier-gateway-webhooks}; for each event of a WEBHOOK supplier POSTs the JSON
 * {@link PurchaseOrderDocument}, signed ({@link WebhookSignature}), with {@code Restock-Delivery-Id} = the
 * event id.
 * <ul>
 *   <li><b>One lane per supplier</b>: a supplier's deliveries run one after another, in topic order (so
 *       order per purchase order holds); suppliers run in parallel, so a slow one holds up only itself.</li>
 *   <li><b>Retries</b> ({@link RetryPolicy}): 5xx, 429, 408, timeouts and connection failures, with
 *       exponential backoff and full jitter, up to the attempt limit (a 429/503's {@code Retry-After}, capped
 *       at the maximum delay, replaces the backoff); other statuses are permanent.</li>
 *   <li><b>Dead letters</b>: a permanent failure, the last failed try, an unknown supplier or an unreadable
 *       event goes to {@code dlq.procurement.purchase-orders} ({@link DeadLetters}, original bytes) and
 *       counts in {@code supplier_gateway_webhook_dead_letters_total{supplier,reason}}.</li>
 *   <li><b>At least once</b>: an offset is committed only when it and every earlier offset of its
 *       partition is done (delivered or dead-lettered), so a crash re-delivers what was in flight; receivers
 *       deduplicate by the delivery id.</li>
 * </ul>
 */
@Singleton
@Requires(property = "supplier-gateway.webhooks.enabled", notEquals = "false")
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String APPLICATION_ID = "supplier-gateway";

    private final SupplierDirectory directory;
    private final GatewayStores stores;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final int maxInFlight;
    private final Map<String, Object> consumerConfig;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Deserializer<PurchaseOrderEvent> deserializer;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    WebhookDispatcher(final SupplierDirectory directory, final GatewayStores stores, final EventSerdes serdes,
                      final MeterRegistry meters,
                      @Value("${supplier-gateway.kafka.bootstrap-servers}") final String bootstrapServers,
                      @Value("${supplier-gateway.webhooks.group-id:supplier-gateway-webhooks}") final String groupId,
                      @Value("${supplier-gateway.webhooks.max-attempts:8}") final int maxAttempts,
                      @Value("${supplier-gateway.webhooks.base-delay:500ms}") final Duration baseDelay,
                      @Value("${supplier-gateway.webhooks.max-delay:60s}") final Duration maxDelay,
                      @Value("${supplier-gateway.webhooks.request-timeout:10s}") final Duration requestTimeout,
                      @Value("${supplier-gateway.webhooks.max-in-flight:1000}") final int maxInFlight,
                      final ClientLogin security) {
        this.directory = directory;
        this.stores = stores;
        this.meters = meters;
        this.retry = new RetryPolicy(maxAttempts, baseDelay, maxDelay);
        this.requestTimeout = requestTimeout;
        this.maxInFlight = maxInFlight;
        this.deserializer = Topics.PURCHASE_ORDERS.valueSerde(serdes).deserializer();
        this.consumerConfig = security.applyTo(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, "supplier-gateway-webhooks",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200));
        this.deadLetters = new KafkaProducer<>(security.applyTo(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.CLIENT_ID_CONFIG, "supplier-gateway-webhook-dlq",
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)), new ByteArraySerializer(), new ByteArraySerializer());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout).build();
    }

    @EventListener
    void onStartup(final StartupEvent event) {
        thread = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(Topics.PURCHASE_ORDERS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    commit(kafka);
                    offsets.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    // Nothing: positions come from the committed offsets.
                }
            });
            while (running) {
                // The supplier registry lives in the streams' global store: wait for it before dispatching.
                final boolean hold = !stores.running() || offsets.inFlight() >= maxInFlight;
                if (hold) {
                    kafka.pause(kafka.assignment());
                } else {
                    kafka.resume(kafka.paused());
                }
                final Set<TopicPartition> rewound = new HashSet<>();
                for (final ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (rewound.contains(partition)) {
                        continue;
                    }
                    try {
                        dispatch(record);
                    } catch (final OwnerUnavailableException notReady) {
                        // The registry is not readable yet (starting or rebalancing): read this record again later.
                        LOG.info("supplier registry not readable ({}); {} resumes at offset {}", notReady.getMessage(),
                                partition, record.offset());
                        kafka.seek(partition, record.offset());
                        rewound.add(partition);
                    }
                }
                commit(kafka);
            }
            commit(kafka);
        } catch (final WakeupException e) {
            if (running) {
                LOG.error("webhook dispatcher woken unexpectedly", e);
            }
        } catch (final RuntimeException e) {
            LOG.error("webhook dispatcher stopped", e);
        }
    }

    private void commit(final KafkaConsumer<String, byte[]> kafka) {
        final Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable();
        if (!committable.isEmpty()) {
            kafka.commitSync(committable);
        }
    }

    /**
     * Starts the delivery of one record. Throws {@link OwnerUnavailableException}, having tracked
     * nothing, when the supplier registry cannot be read yet; the caller reads the record again.
     */
    private void dispatch(final ConsumerRecord<String, byte[]> record) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        final Runnable done = () -> offsets.done(partition, record.offset());
        final PurchaseOrderEvent event;
        try {
            event = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException e) {
            offsets.started(partition, record.offset());
            final String reason = e instanceof EventDecodingException d ? d.reason().name() : "UNREADABLE";
            deadLetter(record, DeadLetters.Stage.DESERIALIZATION, "unknown", e, reason).whenComplete((x, y) -> done.run());
            return;
        }
        if (event == null) {
            offsets.started(partition, record.offset());
            done.run();
            return;
        }
        final String supplierId = PurchaseOrderDocument.supplierId(event);
        final Supplier supplier = directory.find(supplierId).orElse(null);
        offsets.started(partition, record.offset());
        if (supplier == null) {
            deadLetter(record, DeadLetters.Stage.VALIDATION, supplierId,
                    new IllegalArgumentException("no supplier " + supplierId + " in the registry"), "UNKNOWN_SUPPLIER")
                    .whenComplete((x, y) -> done.run());
            return;
        }
        if (supplier.channel() != Channel.WEBHOOK) {
            done.run(); // KAFKA suppliers: the topology writes their topic
            return;
        }
        final Delivery delivery = new Delivery(supplier, PurchaseOrderDocument.eventId(event),
                PurchaseOrderDocument.eventType(event), PurchaseOrderDocument.bytes(event), record);
        synchronized (lanes) {
            final CompletableFuture<Void> tail = lanes.getOrDefault(supplier.id(), CompletableFuture.completedFuture(null));
            lanes.put(supplier.id(), tail.thenCompose(x -> attempt(delivery, 1))
                    .exceptionally(e -> {
                        LOG.error("webhook delivery {} failed unexpectedly", delivery.deliveryId(), e);
                        return null;
                    })
                    .whenComplete((x, y) -> done.run()));
        }
    }

    /** One webhook to send. */
    record Delivery(Supplier supplier, String deliveryId, String eventType, byte[] body,
                    ConsumerRecord<String, byte[]> source) {
    }

    private CompletableFuture<Void> attempt(final Delivery delivery, final int attempt) {
        final long now = Instant.now().getEpochSecond();
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(delivery.supplier().webhookUrl()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json");
        WebhookSignature.headers(delivery.supplier().signingSecret(), now, delivery.body(), delivery.deliveryId(),
                delivery.eventType(), attempt).forEach(builder::header);
        final HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            final String supplierId = delivery.supplier().id();
            if (error == null && response.statusCode() / 100 == 2) {
                count("delivered", supplierId);
                return CompletableFuture.<Void>completedFuture(null);
            }
            final boolean retryable = error != null || RetryPolicy.retryable(response.statusCode());
            final String what = error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode();
            if (retryable && !retry.exhausted(attempt)) {
                count("retried", supplierId);
                final Optional<Duration> retryAfter = error == null && RetryPolicy.honoursRetryAfter(response.statusCode())
                        ? response.headers().firstValue("Retry-After").flatMap(v -> RetryPolicy.retryAfter(v, Instant.now()))
                        : Optional.empty();
                final Duration delay = retry.delayAfter(attempt, retryAfter, ThreadLocalRandom.current()::nextDouble);
                LOG.info("webhook {} to {} failed ({}), try {} of {} in {} ms{}", delivery.deliveryId(), supplierId, what,
                        attempt + 1, retry.maxAttempts(), delay.toMillis(), retryAfter.isPresent() ? " (Retry-After)" : "");
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(x -> attempt(delivery, attempt + 1));
            }
            final String reason = retryable ? "WEBHOOK_RETRIES_EXHAUSTED" : "WEBHOOK_REJECTED_" + response.statusCode();
            count("dead-lettered", supplierId);
            LOG.warn("webhook {} to {} dead-lettered after {} tries: {}", delivery.deliveryId(), supplierId, attempt, what);
            final Throwable cause = error != null ? error
                    : new IllegalStateException(what + " from " + delivery.supplier().webhookUrl() + " after " + attempt + " tries");
            return deadLetter(delivery.source(), DeadLetters.Stage.PROCESSING, supplierId, cause, reason);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> deadLetter(final ConsumerRecord<String, byte[]> record, final DeadLetters.Stage stage,
                                               final String supplierId, final Throwable error, final String reason) {
        meters.counter("supplier.gateway.webhook.dead.letters", "supplier", supplierId, "reason", reason).increment();
        final CompletableFuture<Void> sent = new CompletableFuture<>();
        final byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        deadLetters.send(DeadLetters.record(Topics.PURCHASE_ORDERS.deadLetterTopic(), APPLICATION_ID, stage,
                record.topic(), record.partition(), record.offset(), key, record.value(), record.headers(), error, reason),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.error("cannot dead-letter {}-{}@{}", record.topic(), record.partition(), record.offset(), failure);
                    }
                    sent.complete(null);
                });
        return sent;
    }

    private void count(final String outcome, final String supplierId) {
        meters.counter("supplier.gateway.webhook.attempts", "supplier", supplierId, "outcome", outcome).increment();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        final KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}
