package io.restock.kafkatest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Where a test's Kafka broker and schema registry are.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param schemaRegistryUrl the Confluent-compatible registry base URL (Restock's {@code SCHEMA_REGISTRY_URL})
 * @param mode how they were provided
 */
public record KafkaEnvironment(String bootstrapServers, String schemaRegistryUrl, Mode mode) {

    /** How the broker and registry were provided. */
    public enum Mode {
        /** Already running elsewhere: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}. */
        EXTERNAL,
        /** Docker containers started for this test JVM. */
        TESTCONTAINERS,
        /** A broker inside this JVM and a registry child process, started for this test JVM. */
        IN_PROCESS
    }

    public KafkaEnvironment {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(mode, "mode");
    }

    /** A fresh, mutable map with {@code bootstrap.servers} set. */
    public Map<String, Object> adminProperties() {
        final Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** A fresh, mutable map with {@code bootstrap.servers} set; add serializers and the rest. */
    public Map<String, Object> producerProperties() {
        return adminProperties();
    }

    /** A fresh, mutable map with {@code bootstrap.servers}, {@code group.id} and {@code auto.offset.reset=earliest}. */
    public Map<String, Object> consumerProperties(final String groupId) {
        final Map<String, Object> properties = adminProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return properties;
    }

    /** Creates a topic with replication factor 1 unless it exists; returns once the broker has it. */
    public void createTopic(final String name, final int partitions) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (final TimeoutException e) {
            throw new IllegalStateException("creating topic " + name + " took more than 30 s", e);
        }
    }
}
