package io.restock.demo.supplier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    private static final byte[] BODY = "{\"purchaseOrderId\":\"po-1\",\"eventType\":\"PurchaseOrderIssued\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = "t=1767225600,v1=34b2769587e86cb9a60f8b34d9cef1131034d17caff48c04ffd1e3bbf051ff31";

    @Test
    void acceptsTheGatewayReadmeTestVectorAndRefusesTamperedOrStaleDeliveries() throws Exception {
        try (WebhookEndpoint endpoint = new WebhookEndpoint(0, "whsec_restock_test_vector_0001", (id, doc) -> { })) {
            final Instant signedAt = Instant.ofEpochSecond(1767225600);
            assertThat(endpoint.verify(HEADER, BODY, signedAt.plusSeconds(60))).isTrue();
            assertThat(endpoint.verify(HEADER, "{}".getBytes(StandardCharsets.UTF_8), signedAt)).isFalse();
            assertThat(endpoint.verify(HEADER, BODY, signedAt.plusSeconds(301))).isFalse();
            assertThat(endpoint.verify(null, BODY, signedAt)).isFalse();
        }
    }
}
