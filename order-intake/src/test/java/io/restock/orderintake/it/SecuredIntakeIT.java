package io.restock.orderintake.it;

import io.restock.kafkatest.SecuredBroker;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.localkafka.LocalBroker;
import io.restock.orderintake.SampleOrders;
import io.restock.schemas.provisioning.TopicProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.restock.orderintake.it.IntakeApp.SHOP_A_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-intake on a secured cluster ({@link LocalBroker} with SASL/SCRAM and the StandardAuthorizer) logs in
 * with {@code order-intake.kafka.security-protocol}, {@code .sasl-mechanism} and {@code .sasl-jaas-config}: its
 * idempotency follower, its order producer and its status view all work, so an order posted over HTTP is
 * accepted and then shown by the view. (It logs in as the broker's admin; a shop's own ACLs for the Kafka
 * entrance are {@code bin/restock acl shop}'s, see the README.)
 */
@RestockKafka
class SecuredIntakeIT {

    @Test
    void everyKafkaClientOfTheServiceLogsInFromItsThreeSettings(final KafkaEnvironment shared, @TempDir final Path dir)
            throws Exception {
        try (LocalBroker broker = SecuredBroker.start(dir.resolve("kafka"))) {
            TopicProvisioner.provision(broker.bootstrapServers(), broker.clientProperties(), shared.schemaRegistryUrl(),
                    Duration.ofSeconds(30), IntakeApp.catalogueAndShopTopics());
            try (IntakeApp app = IntakeApp.start(broker.bootstrapServers(), shared.schemaRegistryUrl(),
                    dir.resolve("state"), SecuredBroker.adminLogin("order-intake", broker))) {
                final String orderId = "secured-" + UUID.randomUUID().toString().substring(0, 8);
                final HttpResponse<String> created = app.createOrder(SHOP_A_KEY, "key-" + orderId,
                        SampleOrders.validOrder(orderId));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(202);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    final HttpResponse<String> read = app.get("/orders/" + orderId, SHOP_A_KEY);
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                    assertThat(read.body()).contains("\"source\":\"view\"");
                });
            }
        }
    }
}
