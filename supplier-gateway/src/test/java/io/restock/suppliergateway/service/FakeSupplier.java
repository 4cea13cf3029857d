package io.restock.suppliergateway.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supplier's webhook receiver on a real JDK HTTP server. It checks the signature itself, byte for byte,
 * with its own HMAC (not the module's code): {@code v1} must equal hex(HMAC-SHA256(secret, t + "." + raw body)).
 * Then it answers as scripted and, on 2xx, processes each delivery id once (deduplication).
 */
final class FakeSupplier implements AutoCloseable {

    /** One received request; {@code receivedAtNanos} is {@link System#nanoTime()} when it arrived. */
    record Received(String deliveryId, String signatureHeader, byte[] body, boolean signatureValid, int answered,
                    long receivedAtNanos) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Integer> script;
    private final CountDownLatch hold;
    private final String retryAfter;
    private final AtomicInteger calls = new AtomicInteger();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> processed = new ConcurrentHashMap<>();
    final Set<String> duplicates = ConcurrentHashMap.newKeySet();

    /**
     * @param script the status of each successive call; the last one repeats
     * @param hold   when not null, every call waits for it first (a slow supplier)
     */
    FakeSupplier(final String secret, final List<Integer> script, final CountDownLatch hold) {
        this(secret, script, hold, null);
    }

    /** @param retryAfter when not null, the {@code Retry-After} header of every non-2xx answer */
    FakeSupplier(final String secret, final List<Integer> script, final CountDownLatch hold, final String retryAfter) {
        this.secret = secret;
        this.script = script;
        this.hold = hold;
        this.retryAfter = retryAfter;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (hold != null && !hold.await(120, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            final long arrived = System.nanoTime();
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String header = exchange.getRequestHeaders().getFirst("Restock-Signature");
            final String deliveryId = exchange.getRequestHeaders().getFirst("Restock-Delivery-Id");
            final boolean valid = signatureMatches(header, body);
            final int call = calls.getAndIncrement();
            final int status = valid ? script.get(Math.min(call, script.size() - 1)) : 401;
            received.add(new Received(deliveryId, header, body, valid, status, arrived));
            if (status / 100 == 2 && processed.putIfAbsent(deliveryId, body) != null) {
                duplicates.add(deliveryId);
            }
            if (status / 100 != 2 && retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean signatureMatches(final String header, final byte[] body) {
        if (header == null || !header.matches("t=[0-9]+,v1=[0-9a-f]{64}")) {
            return false;
        }
        final String t = header.substring(2, header.indexOf(','));
        final String v1 = header.substring(header.indexOf("v1=") + 3);
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final byte[] signed = new byte[t.length() + 1 + body.length];
            System.arraycopy((t + ".").getBytes(StandardCharsets.US_ASCII), 0, signed, 0, t.length() + 1);
            System.arraycopy(body, 0, signed, t.length() + 1, body.length);
            return HexFormat.of().formatHex(mac.doFinal(signed)).equals(v1);
        } catch (final Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
