package io.restock.service.streams;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a JDK HTTP server standing in for the owning instance. */
class OwnerForwarderTest {

    private HttpServer owner;
    private final AtomicReference<String> seenForwardedBy = new AtomicReference<>();
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/answer", exchange -> {
            seenForwardedBy.set(exchange.getRequestHeaders().getFirst(StoreOwners.FORWARDED_HEADER));
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            final byte[] body = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            exchange.getResponseHeaders().add("X-Internal", "not relayed");
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        owner.start();
    }

    @AfterEach
    void stop() {
        owner.stop(0);
    }

    @Test
    void theRequestIsSentOnceMarkedAsForwardedAndTheOwnersAnswerIsRelayed() {
        final OwnerForwarder forwarder = new OwnerForwarder("127.0.0.1:7001", Duration.ofSeconds(5));
        final ForwardedReply reply = forwarder.send(host(), "POST", "/answer?x=1",
                Map.of("Authorization", "Bearer k", "Content-Type", "application/json"),
                "{\"messageId\":\"m\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"ACCEPTED\"}");
        assertThat(reply.headers()).containsKeys("content-type", "idempotent-replayed").doesNotContainKey("x-internal");
        assertThat(seenForwardedBy.get()).isEqualTo("127.0.0.1:7001");
        assertThat(seenAuthorization.get()).isEqualTo("Bearer k");
        assertThat(seenBody.get()).isEqualTo("{\"messageId\":\"m\"}");
    }

    @Test
    void anOwnerThatFailsOrDoesNotAnswerIsUnavailableNeverA500() throws IOException {
        final OwnerForwarder forwarder = new OwnerForwarder("127.0.0.1:7001", Duration.ofSeconds(2));
        assertThatThrownBy(() -> forwarder.get(host(), "/broken", Map.of()))
                .isInstanceOf(OwnerUnavailableException.class).hasMessageContaining("500");
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> forwarder.get(new HostInfo("127.0.0.1", closedPort), "/answer", Map.of()))
                .isInstanceOf(OwnerUnavailableException.class).hasMessageContaining("did not answer");
    }

    private HostInfo host() {
        return new HostInfo("127.0.0.1", owner.getAddress().getPort());
    }
}
