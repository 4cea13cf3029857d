package io.restock.kafkatest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Restock service started in this JVM for an integration test: its Micronaut application on a free HTTP
 * port (also its {@code /health}, and, for a Kafka Streams service, its {@code application.server}), pointed
 * at the test's broker and registry ({@code <service>.kafka.bootstrap-servers},
 * {@code <service>.kafka.schema-registry-url}) with its own state directory ({@code <service>.streams.state-dir}),
 * plus the test's own settings. Closing it closes the application; {@link #restart} starts it again with the same
 * settings (same port, same state directory).
 */
public final class ServiceUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Object> props;
    private final int port;
    private ApplicationContext context;

    private ServiceUnderTest(final Map<String, Object> props, final int port) {
        this.props = Map.copyOf(props);
        this.port = port;
        this.context = run(this.props);
    }

    /**
     * Starts {@code service} (its configuration prefix, e.g. {@code backorder-processor}) against {@code kafka};
     * {@code settings} are laid over the defaults above.
     */
    public static ServiceUnderTest start(final String service, final KafkaEnvironment kafka,
                                         final Map<String, Object> settings) {
        final int port = freePort();
        final Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", port);
        props.put("endpoints.all.port", port);
        props.put(service + ".kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put(service + ".kafka.schema-registry-url", kafka.schemaRegistryUrl());
        try {
            props.put(service + ".streams.state-dir", Files.createTempDirectory(service + "-it").toString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        props.putAll(settings);
        return new ServiceUnderTest(props, port);
    }

    private static ApplicationContext run(final Map<String, Object> props) {
        return ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext();
    }

    /** Closes the application and starts a new one with the same settings: nothing in memory survives. */
    public void restart() {
        context.close();
        context = run(props);
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApplicationContext context() {
        return context;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(final String path) {
        return send("GET", path, null);
    }

    /** {@code method path} with a JSON {@code body} (null for none). */
    public HttpResponse<String> send(final String method, final String path, final String body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    /** Sends {@code request} with one shared client and reads the body as text; an I/O failure is unchecked. */
    public static HttpResponse<String> exchange(final HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
