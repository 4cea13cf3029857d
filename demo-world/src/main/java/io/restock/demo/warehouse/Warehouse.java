package io.restock.demo.warehouse;

import io.restock.demo.sim.JsonHttp;
import io.restock.demo.sim.SimClock;
import io.restock.events.LineQuantity;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.localkafka.clients.BackgroundConsumer;
import org.apache.avro.specific.SpecificRecord;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's warehouse {@code wh-demo}, on inventory-stream's warehouse API. It receives the starting stock, then
 * each supplier shipment when it arrives in simulated time, against its purchase-order line
 * ({@code POST /warehouse/receipts}); and it reads {@code inventory.shipment-requests} (key orderId, Avro
 * {@code ShipmentRequested}, read_committed, a consumer group of its own) and, half a simulated day later, confirms
 * each line shipped with a carrier and tracking number ({@code POST /warehouse/shipments}, movement id
 * {@code <shipmentRequestId>/<lineId>} so a re-read request is applied once).
 */
public final class Warehouse implements AutoCloseable {

    public static final String WAREHOUSE_ID = "wh-demo";

    private final JsonHttp http;
    private final URI inventory;
    private final SimClock clock;
    private final ScheduledExecutorService scheduler;
    private final KafkaConsumer<String, SpecificRecord> consumer;
    /** Units the stream asked us to stop picking, per orderId/lineId, not yet set against a request. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> revoked = new java.util.concurrent.ConcurrentHashMap<>();
    private final Predicate<String> ourOrder;
    private final BackgroundConsumer<String, SpecificRecord> reader;
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong unitsReceived = new AtomicLong();
    private final AtomicLong shipmentsConfirmed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public Warehouse(final JsonHttp http, final URI inventory, final SimClock clock,
                     final ScheduledExecutorService scheduler, final String bootstrapServers,
                     final String schemaRegistryUrl, final String runId, final Predicate<String> ourOrder) {
        this.http = http;
        this.inventory = inventory;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ourOrder = ourOrder;
        consumer = new KafkaConsumer<>(BackgroundConsumer.groupSettings(bootstrapServers,
                "warehouse-" + WAREHOUSE_ID + "-" + runId), new StringDeserializer(),
                Topics.SHIPMENT_REQUESTS.valueSerde(EventSerdes.registry(schemaRegistryUrl, false)).deserializer());
        reader = new BackgroundConsumer<>("demo-warehouse", consumer, Duration.ofMillis(200), this::onRecords);
    }

    public Warehouse start() {
        consumer.subscribe(List.of(Topics.SHIPMENT_REQUESTS.name()));
        reader.start();
        return this;
    }

    /** Goods on the shelf: a receipt now (starting stock, or goods that arrived). */
    public boolean receive(final String movementId, final String sku, final int quantity, final String purchaseOrderId,
                           final String purchaseOrderLineId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", movementId);
        body.put("warehouseId", WAREHOUSE_ID);
        body.put("sku", sku);
        body.put("quantity", quantity);
        if (purchaseOrderId != null) {
            body.put("purchaseOrderId", purchaseOrderId);
            body.put("purchaseOrderLineId", purchaseOrderLineId);
        }
        if (http.post(inventory.resolve("/warehouse/receipts"), Map.of(), body).ok()) {
            receipts.incrementAndGet();
            unitsReceived.addAndGet(quantity);
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    /** A supplier shipment that will arrive on simulated day {@code arrivalDay}: receive it then. */
    public void expectDelivery(final String purchaseOrderId, final String lineId, final String sku, final int quantity,
                               final String shipmentId, final double arrivalDay) {
        scheduler.schedule(() -> receive("rcv-" + shipmentId + "-" + lineId, sku, quantity, purchaseOrderId, lineId),
                clock.until(arrivalDay).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onRecords(final ConsumerRecords<String, SpecificRecord> records) {
        for (final ConsumerRecord<String, SpecificRecord> record : records) {
            if (record.value() instanceof ShipmentRequestRevoked revocation
                    && ourOrder.test(revocation.getOrderId())) {
                revocation.getLines().forEach(l -> revoked.merge(revocation.getOrderId() + "/" + l.getLineId(),
                        l.getQuantity(), Integer::sum));
            }
            if (record.value() instanceof ShipmentRequested request && ourOrder.test(request.getOrderId())) {
                try {
                    scheduler.schedule(() -> ship(request), clock.wallDuration(0.5).toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (final java.util.concurrent.RejectedExecutionException worldEnded) {
                    // The world stopped its scheduler before closing the warehouse: nothing more to ship.
                    reader.stop();
                }
            }
        }
    }

    private void ship(final ShipmentRequested request) {
        for (final LineQuantity line : request.getLines()) {
            final int[] stopped = {0};
            revoked.computeIfPresent(request.getOrderId() + "/" + line.getLineId(), (k, units) -> {
                stopped[0] = Math.min(units, line.getQuantity());
                return units - stopped[0] > 0 ? units - stopped[0] : null;
            });
            final int quantity = line.getQuantity() - stopped[0];
            if (quantity <= 0) {
                continue;
            }
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("movementId", request.getShipmentRequestId() + "/" + line.getLineId());
            body.put("warehouseId", WAREHOUSE_ID);
            body.put("sku", line.getSku());
            body.put("orderId", request.getOrderId());
            body.put("lineId", line.getLineId());
            body.put("quantity", quantity);
            body.put("carrier", "DHL");
            body.put("trackingNumber", "JD%010d".formatted(Math.abs((request.getShipmentRequestId()
                    + line.getLineId()).hashCode())));
            if (http.post(inventory.resolve("/warehouse/shipments"), Map.of(), body).ok()) {
                shipmentsConfirmed.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        }
    }

    /** Receipts posted, units received, shipment lines confirmed, requests refused by the API. */
    public record Stats(long receipts, long unitsReceived, long shipmentsConfirmed, long refused) {
    }

    public Stats stats() {
        return new Stats(receipts.get(), unitsReceived.get(), shipmentsConfirmed.get(), refused.get());
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }

}
