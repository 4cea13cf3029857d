package io.restock.chaos.load;

import io.restock.events.LineQuantity;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The verifier's warehouse reading its work: {@code inventory.shipment-requests} (key orderId, Avro union
 * {@code ShipmentRequested | ShipmentRequestRevoked} on the registry, read_committed, a consumer group of its own).
 * Each line of a {@code ShipmentRequested} of this run's orders is handed to {@code ship} at once, less the units
 * a revocation read earlier told it to stop picking; the movement id is {@code <shipmentRequestId>/<lineId>}, so a
 * request read again (after a rebalance or a broker restart) is the same movement.
 */
final class Warehouse implements AutoCloseable {

    /** One line to ship: what the {@code POST /warehouse/shipments} says. */
    record ShipmentLine(String movementId, String shipmentRequestId, String orderId, String lineId, String sku,
                        int quantity) {
    }

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final String runId;
    private final Consumer<ShipmentLine> ship;
    private final Map<String, Integer> revoked = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    Warehouse(final String bootstrapServers, final String schemaRegistryUrl, final String runId,
              final Consumer<ShipmentLine> ship) {
        this.runId = runId;
        this.ship = ship;
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-warehouse-" + runId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.SHIPMENT_REQUESTS.valueSerde(EventSerdes.registry(schemaRegistryUrl, false)).deserializer());
        thread = new Thread(this::run, "chaos-warehouse");
        thread.setDaemon(true);
    }

    Warehouse start() {
        consumer.subscribe(List.of(Topics.SHIPMENT_REQUESTS.name()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (final ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.key() == null || !record.key().startsWith(runId + "-")) {
                        continue;
                    }
                    if (record.value() instanceof ShipmentRequestRevoked revocation) {
                        revocation.getLines().forEach(l -> revoked.merge(revocation.getOrderId() + "/"
                                + l.getLineId(), l.getQuantity(), Integer::sum));
                    } else if (record.value() instanceof ShipmentRequested request) {
                        request.getLines().forEach(line -> pick(request, line));
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void pick(final ShipmentRequested request, final LineQuantity line) {
        final int[] stopped = {0};
        revoked.computeIfPresent(request.getOrderId() + "/" + line.getLineId(), (key, units) -> {
            stopped[0] = Math.min(units, line.getQuantity());
            return units - stopped[0] > 0 ? units - stopped[0] : null;
        });
        final int quantity = line.getQuantity() - stopped[0];
        if (quantity > 0) {
            ship.accept(new ShipmentLine(request.getShipmentRequestId() + "/" + line.getLineId(),
                    request.getShipmentRequestId(), request.getOrderId(), line.getLineId(), line.getSku(), quantity));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
