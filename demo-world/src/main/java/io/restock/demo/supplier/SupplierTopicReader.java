package io.restock.demo.supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.demo.sim.JsonHttp;
import io.restock.localkafka.clients.BackgroundConsumer;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka supplier's reader of its own topic, {@code suppliers.<id>.purchase-orders} (key purchaseOrderId,
 * value the JSON document, written exactly once by supplier-gateway): read_committed, in a consumer group under
 * the supplier's ACL prefix ({@code suppliers.<id>.}), offsets committed after each batch is handed on.
 */
public final class SupplierTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Topic<String, String> topic;
    private final Consumer<JsonNode> sink;
    private final BackgroundConsumer<String, String> reader;

    public SupplierTopicReader(final String bootstrapServers, final String supplierId, final String runId,
                               final Consumer<JsonNode> sink) {
        this.topic = Topics.supplierPurchaseOrders(supplierId);
        this.sink = sink;
        final Properties props = BackgroundConsumer.groupSettings(bootstrapServers,
                "suppliers." + supplierId + ".demo-" + runId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        reader = new BackgroundConsumer<>("demo-supplier-" + supplierId, consumer, Duration.ofMillis(200),
                this::onRecords);
    }

    public SupplierTopicReader start() {
        consumer.subscribe(List.of(topic.name()));
        reader.start();
        return this;
    }

    private void onRecords(final ConsumerRecords<String, String> records) {
        for (final ConsumerRecord<String, String> record : records) {
            if (record.value() != null) {
                sink.accept(JsonHttp.parse(record.value()));
            }
        }
        if (!records.isEmpty()) {
            consumer.commitAsync();
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
