package io.restock.chaos.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The verifier's suppliers reading their purchase orders: each supplier's own topic
 * {@code suppliers.<id>.purchase-orders} (key purchaseOrderId, the JSON document {@code restock.purchase-order-event.v1}
 * written exactly once by supplier-gateway), read_committed, one consumer group of the run. Documents are
 * deduplicated by event id; an issued order is handed to {@code issued}, and amendments and cancellations Restock
 * sends update the order's lines before the supplier answers ({@link Po}).
 */
final class Suppliers implements AutoCloseable {

    /** A purchase-order line as the supplier knows it. */
    static final class PoLine {
        final String lineId;
        final String sku;
        volatile int quantity;
        volatile boolean cancelled;

        PoLine(final String lineId, final String sku, final int quantity) {
            this.lineId = lineId;
            this.sku = sku;
            this.quantity = quantity;
        }
    }

    /** A purchase order a supplier received. */
    record Po(String id, String supplierId, Map<String, PoLine> lines) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final Consumer<Po> issued;
    private final Map<String, Po> orders = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    Suppliers(final String bootstrapServers, final List<String> supplierIds, final String runId,
              final Consumer<Po> issued) {
        this.issued = issued;
        this.topics = supplierIds.stream().map(id -> Topics.supplierPurchaseOrders(id).name()).toList();
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-suppliers-" + runId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "chaos-suppliers");
        thread.setDaemon(true);
    }

    Suppliers start() {
        consumer.subscribe(topics);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() != null) {
                        onDocument(RetryingHttp.json().readTree(record.value()));
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } catch (final IOException e) {
            throw new IllegalStateException("a purchase-order document that is not JSON", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void onDocument(final JsonNode doc) {
        if (!seen.add(doc.path("eventId").asText())) {
            return;
        }
        final String poId = doc.path("purchaseOrderId").asText();
        switch (doc.path("eventType").asText()) {
            case "PurchaseOrderIssued" -> {
                final Map<String, PoLine> lines = new LinkedHashMap<>();
                doc.path("lines").forEach(l -> {
                    if (!l.path("dropShip").asBoolean(false)) {
                        lines.put(l.path("lineId").asText(), new PoLine(l.path("lineId").asText(),
                                l.path("sku").asText(), l.path("quantity").asInt()));
                    }
                });
                final Po po = new Po(poId, doc.path("supplierId").asText(), lines);
                if (orders.putIfAbsent(poId, po) == null && !lines.isEmpty()) {
                    issued.accept(po);
                }
            }
            case "PurchaseOrderAmended" -> {
                final Po po = orders.get(poId);
                if (po != null) {
                    doc.path("lines").forEach(l -> {
                        final PoLine line = po.lines().get(l.path("lineId").asText());
                        if (line != null) {
                            line.quantity = l.path("quantity").asInt();
                        }
                    });
                }
            }
            case "PurchaseOrderCancelled" -> {
                final Po po = orders.get(poId);
                if (po != null) {
                    final Set<String> ids = new java.util.HashSet<>();
                    doc.path("lineIds").forEach(id -> ids.add(id.asText()));
                    po.lines().values().stream().filter(l -> ids.isEmpty() || ids.contains(l.lineId))
                            .forEach(l -> l.cancelled = true);
                }
            }
            default -> {
                // a newer event type: ignored, as the contract asks
            }
        }
    }

    /** Purchase orders received so far. */
    int received() {
        return orders.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
