package io.restock.inventory.service;

import io.restock.kafkatest.SecuredBroker;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.localkafka.LocalBroker;
import io.restock.schemas.provisioning.TopicProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * inventory-stream on a secured cluster ({@link LocalBroker} with SASL/SCRAM and the StandardAuthorizer) logs
 * in with {@code inventory-stream.kafka.security-protocol}, {@code .sasl-mechanism} and {@code .sasl-jaas-config}:
 * its HTTP edge's producer and its Kafka Streams application both work, so a catalog entry and a receipt sent
 * over HTTP come back as the SKU's stock. (It logs in as the broker's admin; which ACLs a service needs is
 * supplier-gateway's and {@code bin/restock acl}'s concern.)
 */
@RestockKafka
class SecuredInventoryIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void everyKafkaClientOfTheServiceLogsInFromItsThreeSettings(final KafkaEnvironment shared, @TempDir final Path dir)
            throws Exception {
        try (LocalBroker broker = SecuredBroker.start(dir.resolve("kafka"))) {
            TopicProvisioner.provision(broker.bootstrapServers(), broker.clientProperties(), shared.schemaRegistryUrl(),
                    Duration.ofSeconds(30), RunningService.TOPICS);
            final Map<String, Object> secured = new HashMap<>(SecuredBroker.adminLogin("inventory-stream", broker));
            secured.put("inventory-stream.kafka.bootstrap-servers", broker.bootstrapServers());
            try (RunningService service = RunningService.start(shared, RunningService.newApplicationId(), secured)) {
                assertThat(service.put("/catalog/skus/SECURE-1", "{\"backorderable\": true, \"maxWaitDays\": 21, \"reorderPoint\": 0, \"targetLevel\": 0, \"handlingDays\": 1}").status())
                        .isEqualTo(202);
                assertThat(service.post("/warehouse/receipts", "{\"movementId\": \"sec-1\", \"warehouseId\": \"wh-1\", "
                        + "\"sku\": \"SECURE-1\", \"quantity\": 10}").status()).isEqualTo(202);

                await().atMost(WAIT).untilAsserted(() -> {
                    final RunningService.Reply stock = service.get("/skus/SECURE-1/stock");
                    assertThat(stock.status()).as(stock.toString()).isEqualTo(200);
                    assertThat(stock.json().path("onHand").asInt()).isEqualTo(10);
                });
            }
        }
    }
}
