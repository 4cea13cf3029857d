package io.restock.orderintake.shoptopic;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.restock.orderintake.shops.ShopDirectory;
import io.restock.schemas.provisioning.ProvisioningException;
import io.restock.schemas.provisioning.ProvisioningReport;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.service.kafka.ClientLogin;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Creates the Kafka entrance's topics of every configured shop ({@code shops.<id>.order-submissions},
 * {@code shops.<id>.submission-outcomes} and their dead-letter topics; {@link Topics#shopTopics}) when the
 * application context starts, before the Kafka Streams application subscribes to the submissions pattern.
 * Existing topics are left as they are. On by default ({@code order-intake.shop-topics.create}, env
 * {@code ORDER_INTAKE_CREATE_SHOP_TOPICS}); switch it off where order-intake may not create topics and
 * {@code bin/restock provision --shop <id>} makes them. A shop whose id cannot name a topic (it has '.' or ':')
 * has no Kafka entrance and is skipped. If Kafka refuses or cannot be reached, the service still starts and says
 * so: the entrance of a shop whose outcome topic is missing fails until the topic is made.
 */
@Context
@Requires(property = "order-intake.shop-topics.create", notEquals = "false")
public final class ShopTopicsAtStartup {

    private static final Logger LOG = LoggerFactory.getLogger(ShopTopicsAtStartup.class);

    private final ProvisioningReport report;

    public ShopTopicsAtStartup(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                               @Value("${order-intake.kafka.schema-registry-url}") final String registryUrl,
                               @Value("${order-intake.shop-topics.timeout:15s}") final Duration timeout,
                               final ShopDirectory shops, final ClientLogin login) {
        final List<Topic<?, ?>> topics = new ArrayList<>();
        for (final String shopId : shops.ids()) {
            if (Topics.isValidShopTopicId(shopId)) {
                topics.addAll(Topics.shopTopics(shopId));
            } else {
                LOG.info("shop {} has no Kafka entrance: its id cannot name a topic ('.' or ':')", shopId);
            }
        }
        final Properties admin = login.addTo(TopicProvisioner.adminProperties(bootstrapServers, timeout));
        ProvisioningReport made = null;
        try (Admin client = Admin.create(admin)) {
            made = new TopicProvisioner(client, new HttpSchemaRegistryClient(registryUrl, timeout), timeout,
                    bootstrapServers).provision(topics);
            LOG.info("shop topics: {}", made.summary());
        } catch (final ProvisioningException e) {
            LOG.error("could not create the shops' topics ({}); create them with `bin/restock provision --shop <id>`",
                    e.getMessage());
        }
        this.report = made;
    }

    /** What was created at startup, or null when Kafka refused. */
    public ProvisioningReport report() {
        return report;
    }
}
