package io.restock.orderintake.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restock.orderintake.idempotency.IdempotencyGuard;
import io.restock.orderintake.status.StatusStreams;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/**
 * order-intake running for an integration test: the real Micronaut server on a random port against
 * a real broker and registry, with three test shops, and a java.net.http client to talk to it.
 */
final class IntakeApp implements AutoCloseable {

    static final String SHOP_A_KEY = "shop-a-secret";
    static final String SHOP_B_KEY = "shop-b-secret";
    static final String SLOW_SHOP_KEY = "slow-shop-secret";

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IntakeApp(final EmbeddedServer server) {
        this.server = server;
    }

    /** The test shops' ids. */
    static final List<String> SHOPS = List.of("shop-a", "shop-b", "slow-shop");

    /** Creates the catalogue's topics and the test shops' (idempotent), and registers the schemas. */
    static void provision(final String bootstrapServers, final String registryUrl) {
        TopicProvisioner.provision(bootstrapServers, Map.of(), registryUrl, Duration.ofSeconds(30),
                catalogueAndShopTopics());
    }

    /** {@link Topics#ALL} and the test shops' topics. */
    static List<Topic<?, ?>> catalogueAndShopTopics() {
        final List<Topic<?, ?>> topics = new ArrayList<>(Topics.ALL);
        SHOPS.forEach(shop -> topics.addAll(Topics.shopTopics(shop)));
        return topics;
    }

    static IntakeApp start(final String bootstrapServers, final String registryUrl, final Path stateDir,
                           final Map<String, Object> overrides) {
        final Map<String, Object> props = new HashMap<>();
        // A fixed port: it is also the instance's application.server (127.0.0.1:<port>).
        final int port = freePort();
        props.put("micronaut.server.port", port);
        props.put("endpoints.all.port", port);
        props.put("order-intake.kafka.bootstrap-servers", bootstrapServers);
        props.put("order-intake.kafka.schema-registry-url", registryUrl);
        props.put("order-intake.streams.state-dir", stateDir.toString());
        props.put("order-intake.streams.application-id", "order-intake-it-" + UUID.randomUUID().toString().substring(0, 8));
        props.put("restock.shops.shop-a.api-key-sha256", sha256(SHOP_A_KEY));
        props.put("restock.shops.shop-b.api-key-sha256", sha256(SHOP_B_KEY));
        props.put("restock.shops.slow-shop.api-key-sha256", sha256(SLOW_SHOP_KEY));
        props.put("restock.shops.slow-shop.rate-limit-per-second", 0.2);
        props.put("restock.shops.slow-shop.rate-limit-burst", 2);
        props.putAll(overrides);
        final EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
        final IntakeApp app = new IntakeApp(server);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING
                && app.guard().ready());
        return app;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StatusStreams streams() {
        return server.getApplicationContext().getBean(StatusStreams.class);
    }

    IdempotencyGuard guard() {
        return server.getApplicationContext().getBean(IdempotencyGuard.class);
    }

    HttpResponse<String> post(final String path, final String apiKey, final String idempotencyKey,
                              final String contentType, final byte[] body) {
        return send(postRequest(path, apiKey, idempotencyKey, contentType, body));
    }

    HttpResponse<String> createOrder(final String apiKey, final String idempotencyKey, final byte[] body) {
        return post("/orders", apiKey, idempotencyKey, "application/json", body);
    }

    CompletableFuture<HttpResponse<String>> createOrderAsync(final String apiKey, final String idempotencyKey,
                                                             final byte[] body) {
        return http.sendAsync(postRequest("/orders", apiKey, idempotencyKey, "application/json", body),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(final String path, final String apiKey) {
        return get(path, apiKey, Map.of());
    }

    HttpResponse<String> get(final String path, final String apiKey, final Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpRequest postRequest(final String path, final String apiKey, final String idempotencyKey,
                                    final String contentType, final byte[] body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    private HttpResponse<String> send(final HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new IllegalStateException("HTTP request failed: " + request, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
