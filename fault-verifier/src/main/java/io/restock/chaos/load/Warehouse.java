package io.restock.chaos.load;

import io.restock.events.LineQuantity;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.localkafka.clients.BackgroundConsumer;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final BackgroundConsumer<String, SpecificRecord> reader;

    Warehouse(final String bootstrapServers, final String schemaRegistryUrl, final String runId,
              final Consumer<ShipmentLine> ship) {
        this.runId = runId;
        this.ship = ship;
        consumer = new KafkaConsumer<>(BackgroundConsumer.groupSettings(bootstrapServers, "chaos-warehouse-" + runId),
                new StringDeserializer(),
                Topics.SHIPMENT_REQUESTS.valueSerde(EventSerdes.registry(schemaRegistryUrl, false)).deserializer());
        reader = new BackgroundConsumer<>("chaos-warehouse", consumer, Duration.ofMillis(300), this::onRecords);
    }

    Warehouse start() {
        consumer.subscribe(List.of(Topics.SHIPMENT_REQUESTS.name()));
        reader.start();
        return this;
    }

    private void onRecords(final ConsumerRecords<String, SpecificRecord> records) {
        for (final ConsumerRecord<String, SpecificRecord> record : records) {
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
        reader.close();
    }
}
