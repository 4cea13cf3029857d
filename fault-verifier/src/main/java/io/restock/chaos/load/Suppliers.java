package io.restock.chaos.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.restock.localkafka.clients.BackgroundConsumer;
import io.restock.schemas.suppliers.SupplierOrderBook;
import io.restock.schemas.suppliers.SupplierOrderBook.Line;
import io.restock.schemas.suppliers.SupplierOrderBook.Order;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The verifier's suppliers reading their purchase orders: each supplier's own topic
 * {@code suppliers.<id>.purchase-orders} (key purchaseOrderId, the JSON document {@code restock.purchase-order-event.v1}
 * written exactly once by supplier-gateway), read_committed, one consumer group of the run. The documents are kept
 * in a {@link SupplierOrderBook} (each once, by event id; drop-ship lines left out: the verifier's suppliers ship to
 * its warehouse); an issued order with stock lines is handed to {@code issued}, and the amendments and cancellations
 * Restock sends update its lines before the supplier answers.
 */
final class Suppliers implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private final Consumer<Order<Line>> issued;
    private final SupplierOrderBook<Line> orders = new SupplierOrderBook<>(
            (lineId, sku, quantity, dropShip) -> dropShip ? null : new Line(lineId, sku, quantity));
    private final BackgroundConsumer<String, String> reader;

    Suppliers(final String bootstrapServers, final List<String> supplierIds, final String runId,
              final Consumer<Order<Line>> issued) {
        this.issued = issued;
        this.topics = supplierIds.stream().map(id -> Topics.supplierPurchaseOrders(id).name()).toList();
        consumer = new KafkaConsumer<>(BackgroundConsumer.groupSettings(bootstrapServers, "chaos-suppliers-" + runId),
                new StringDeserializer(), new StringDeserializer());
        reader = new BackgroundConsumer<>("chaos-suppliers", consumer, Duration.ofMillis(300), this::onRecords);
    }

    Suppliers start() {
        consumer.subscribe(topics);
        reader.start();
        return this;
    }

    private void onRecords(final ConsumerRecords<String, String> records) {
        for (final ConsumerRecord<String, String> record : records) {
            if (record.value() != null) {
                try {
                    orders.apply(RetryingHttp.json().readTree(record.value()), po -> {
                        if (!po.lines().isEmpty()) {
                            issued.accept(po);
                        }
                    });
                } catch (final JsonProcessingException e) {
                    throw new IllegalStateException("a purchase-order document that is not JSON", e);
                }
            }
        }
    }

    /** Purchase orders received so far. */
    int received() {
        return orders.orders();
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
