package io.restock.demo.supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restock.demo.sim.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook supplier's HTTP endpoint ({@code POST /purchase-orders}). Every delivery's
 * {@code Restock-Signature: t=…,v1=…} is verified as supplier-gateway's README tells suppliers to: HMAC-SHA256 of
 * {@code t + "." + raw body} with the shared secret, compared in constant time, {@code t} within 5 minutes. A bad
 * signature is answered 401 and counted; a repeated {@code Restock-Delivery-Id} is answered 200 and not acted on.
 */
public final class WebhookEndpoint implements AutoCloseable {

    private static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final byte[] secret;
    private final BiConsumer<String, JsonNode> sink;
    private final Set<String> deliveries = ConcurrentHashMap.newKeySet();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong signatureFailures = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    /** {@code sink} gets the delivery id and the parsed document of each new, verified delivery. */
    public WebhookEndpoint(final int port, final String secret, final BiConsumer<String, JsonNode> sink) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.sink = sink;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/purchase-orders", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            final Thread thread = new Thread(r, "demo-webhook-supplier");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/purchase-orders";
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            final byte[] body = in.readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!verify(exchange.getRequestHeaders().getFirst("Restock-Signature"), body, Instant.now())) {
                signatureFailures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            verified.incrementAndGet();
            final String deliveryId = exchange.getRequestHeaders().getFirst("Restock-Delivery-Id");
            if (deliveryId != null && !deliveries.add(deliveryId)) {
                duplicates.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            sink.accept(deliveryId, JsonHttp.parse(new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** Whether a signature header is valid for this body at this time. */
    boolean verify(final String header, final byte[] body, final Instant now) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        final java.util.List<String> signatures = new java.util.ArrayList<>();
        for (final String part : header.split(",")) {
            final String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp == null || Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            return false;
        }
        final byte[] expected = hmac(timestamp + ".", body);
        return signatures.stream().anyMatch(s -> MessageDigest.isEqual(
                expected, s.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] hmac(final String prefix, final byte[] body) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Deliveries verified, signatures refused, repeated deliveries. */
    public record Stats(long verified, long signatureFailures, long duplicates) {
    }

    public Stats stats() {
        return new Stats(verified.get(), signatureFailures.get(), duplicates.get());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
