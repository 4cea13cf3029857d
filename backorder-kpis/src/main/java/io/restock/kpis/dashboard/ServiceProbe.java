package io.restock.kpis.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.convert.format.MapFormat;
import io.restock.kpis.service.KpiStreams;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stream health of every Restock service for the dashboard: each service's {@code /health} (status and its Kafka
 * Streams state) and {@code /prometheus} (records processed per second over its stream threads, rebalances,
 * records restored by its restore consumers), read from the URLs in {@code backorder-kpis.dashboard.services}
 * (environment variables {@code ORDER_INTAKE_URL} ... {@code NOTIFIER_URL}), plus this service itself.
 */
@Singleton
public final class ServiceProbe {

    /** One service as the dashboard shows it; a value that could not be read is null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceHealth(String service, String url, String status, String streamsState, Double processRate,
                                Double rebalances, Double restoredRecords, Double aliveStreamThreads, String error) {
    }

    private final Map<String, String> services;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String self;

    public ServiceProbe(@Property(name = "backorder-kpis.dashboard.services")
                        @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
                        final Map<String, String> services,
                        @Value("${backorder-kpis.dashboard.probe-timeout:2s}") final Duration timeout,
                        @Value("${micronaut.server.port:8086}") final int port) {
        this.services = new TreeMap<>(services);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.self = "http://127.0.0.1:" + port;
    }

    /** Every configured service and this one, probed in parallel. */
    public List<ServiceHealth> probeAll() {
        final Map<String, String> all = new TreeMap<>(services);
        all.put(KpiStreams.APPLICATION_ID, self);
        final List<CompletableFuture<ServiceHealth>> probes = new ArrayList<>();
        final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            all.forEach((name, url) -> probes.add(CompletableFuture.supplyAsync(() -> probe(name, url), threads)
                    .completeOnTimeout(new ServiceHealth(name, url, "UNKNOWN", null, null, null, null, null,
                            "no answer in " + timeout.multipliedBy(2)), timeout.toMillis() * 2, TimeUnit.MILLISECONDS)));
            return probes.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    ServiceHealth probe(final String name, final String url) {
        final String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String status = null;
        String state = null;
        try {
            final HttpResponse<String> health = get(base + "/health");
            final JsonNode body = json.readTree(health.body());
            status = body.path("status").asText(null);
            state = firstState(body.path("details"));
        } catch (final IOException | RuntimeException e) {
            return new ServiceHealth(name, base, "DOWN", null, null, null, null, null, e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(name, base, "UNKNOWN", null, null, null, null, null, "interrupted");
        }
        try {
            final String scrape = get(base + "/prometheus").body();
            return new ServiceHealth(name, base, status, state,
                    orNull(PrometheusText.sum(scrape, "kafka_stream_thread_process_rate", l -> true)),
                    orNull(PrometheusText.sum(scrape, "kafka_consumer_coordinator_rebalance_total",
                            l -> l.contains("StreamThread"))),
                    orNull(PrometheusText.sum(scrape, "kafka_consumer_fetch_manager_records_consumed_total",
                            l -> l.contains("restore-consumer\""))),
                    orNull(PrometheusText.sum(scrape, "kafka_stream_alive_stream_threads", l -> true)), null);
        } catch (final IOException | RuntimeException e) {
            return new ServiceHealth(name, base, status, state, null, null, null, null, e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(name, base, status, state, null, null, null, null, "interrupted");
        }
    }

    private HttpResponse<String> get(final String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first {@code state} field in a health indicator's details (the Kafka Streams state). */
    private static String firstState(final JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.has("state") && node.get("state").isTextual()) {
            return node.get("state").asText();
        }
        for (final JsonNode child : node) {
            final String found = firstState(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Double orNull(final double value) {
        return Double.isNaN(value) ? null : value;
    }
}
