package io.restock.demo.supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.demo.sim.JsonHttp;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
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
    private final Thread thread;
    private volatile boolean running = true;

    public SupplierTopicReader(final String bootstrapServers, final String supplierId, final String runId,
                               final Consumer<JsonNode> sink) {
        this.topic = Topics.supplierPurchaseOrders(supplierId);
        this.sink = sink;
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "suppliers." + supplierId + ".demo-" + runId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "demo-supplier-" + supplierId);
        thread.setDaemon(true);
    }

    public SupplierTopicReader start() {
        consumer.subscribe(java.util.List.of(topic.name()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (final ConsumerRecord<String, String> record : records) {
                    if (record.value() != null) {
                        sink.accept(JsonHttp.parse(record.value()));
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
