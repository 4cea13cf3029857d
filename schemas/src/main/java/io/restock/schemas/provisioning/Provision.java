package io.restock.schemas.provisioning;

import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/restock provision}: creates Restock's topics and registers its schemas.
 * Options: {@code --bootstrap-servers} (default 127.0.0.1:9092, or $KAFKA_BOOTSTRAP_SERVERS),
 * {@code --schema-registry-url} (default http://127.0.0.1:8081/apis/ccompat/v7, or $SCHEMA_REGISTRY_URL),
 * {@code --timeout-seconds} (default 15), {@code --shop <id>} (repeatable: also that shop's
 * {@code shops.<id>.order-submissions} and {@code shops.<id>.submission-outcomes}, see {@link Topics#shopTopics}).
 */
public final class Provision {

    private Provision() {
    }

    public static void main(final String[] args) {
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String registryUrl = env("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7");
        Duration timeout = Duration.ofSeconds(15);
        final List<Topic<?, ?>> topics = new ArrayList<>(Topics.ALL);
        for (int i = 0; i < args.length; i++) {
            final String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrap = value;
                case "--schema-registry-url" -> registryUrl = value;
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                case "--shop" -> {
                    if (!Topics.isValidShopTopicId(value)) {
                        System.err.println("--shop: a shop id of 1-64 letters, digits, '_' or '-', was '" + value + "'");
                        System.exit(2);
                    }
                    topics.addAll(Topics.shopTopics(value));
                }
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; use --bootstrap-servers, --schema-registry-url, --timeout-seconds, --shop");
                    System.exit(2);
                }
            }
            i++;
        }
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(bootstrap, timeout))) {
            final var provisioner = new TopicProvisioner(admin, new HttpSchemaRegistryClient(registryUrl, timeout),
                    timeout, bootstrap);
            System.out.println(provisioner.provision(topics).summary());
        } catch (final ProvisioningException e) {
            System.err.println("provisioning failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
