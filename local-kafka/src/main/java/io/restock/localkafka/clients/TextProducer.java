package io.restock.localkafka.clients;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer a tool's shop writes its JSON orders with, onto its own {@code shops.<shop>.order-submissions}
 * (the demo's shops and the fault verifier's load): string keys and values, {@code acks=all}, idempotent, sent at
 * once ({@code linger.ms=0}).
 */
public final class TextProducer {

    private TextProducer() {
    }

    public static KafkaProducer<String, String> idempotent(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
