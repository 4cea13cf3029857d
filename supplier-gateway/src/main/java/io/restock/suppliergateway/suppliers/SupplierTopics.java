package io.restock.suppliergateway.suppliers;

import io.micronaut.context.annotation.Value;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.service.kafka.ClientLogin;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates a KAFKA supplier's own topic {@code suppliers.<id>.purchase-orders} (the catalogue's layout,
 * replication min(3, brokers)) when the supplier is configured (at startup, before the topology runs) or
 * registered through the admin API (before its registry record is written); and the private registry topic
 * {@code supplier-gateway.suppliers} at startup. Idempotent; never deletes.
 */
@Singleton
public final class SupplierTopics {

    private final Admin admin;

    public SupplierTopics(@Value("${supplier-gateway.kafka.bootstrap-servers}") final String bootstrapServers,
                          final ClientLogin security) {
        this.admin = Admin.create(security.applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "supplier-gateway-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000)));
    }

    public void ensure(final String supplierId) {
        ensure(Topics.supplierPurchaseOrders(supplierId));
    }

    /** Creates {@code topic} with its catalogue layout unless it exists. */
    public void ensure(final Topic<String, String> topic) {
        try {
            final int brokers = admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).size();
            admin.createTopics(List.of(new NewTopic(topic.name(), Optional.of(topic.spec().partitions()),
                            Optional.of((short) Math.min(3, brokers))).configs(topic.spec().configs())))
                    .all().get(15, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause(), e.getCause());
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("creating " + topic.name() + " timed out", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
