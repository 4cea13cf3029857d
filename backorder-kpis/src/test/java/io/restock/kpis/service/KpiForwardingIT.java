package io.restock.kpis.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.ShippingPolicy;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of backorder-kpis (one application id, two HTTP ports): the KPI sums live on one of them, and
 * {@code GET /kpis} answers the same figures on both (the other forwards once); only the holder reports the KPI
 * series on {@code /prometheus}, the other NaN.
 */
@RestockKafka
class KpiForwardingIT {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<ApplicationContext> CONTEXTS = new ArrayList<>();
    private static final List<String> URLS = new ArrayList<>();

    @BeforeAll
    static void start(final KafkaEnvironment kafka) throws Exception {
        final Duration timeout = Duration.ofSeconds(30);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(Topics.ALL);
        }
        final String applicationId = "backorder-kpis-forwarding-it-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            final int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            final Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", port);
            props.put("endpoints.all.port", port);
            props.put("backorder-kpis.kafka.bootstrap-servers", kafka.bootstrapServers());
            props.put("backorder-kpis.kafka.schema-registry-url", kafka.schemaRegistryUrl());
            props.put("backorder-kpis.streams.application-id", applicationId);
            props.put("backorder-kpis.streams.state-dir", Files.createTempDirectory("kpis-fwd-it").toString());
            props.put("backorder-kpis.metrics.refresh", "500ms");
            CONTEXTS.add(ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext());
            URLS.add("http://127.0.0.1:" + port);
        }
        final Instant now = Instant.now();
        final String order = "fwd-" + UUID.randomUUID();
        try (KafkaProducer<String, LineEvent> producer = new KafkaProducer<>(kafka.producerProperties(),
                new StringSerializer(), Topics.LINE_EVENTS.valueSerde(EventSerdes.registry(registry, false))
                .serializer())) {
            producer.send(new ProducerRecord<>(Topics.LINE_EVENTS.name(), order, new LineEvent(new LineAllocated(
                    order + "/a", now, order, "1", "SKU-A", 2, 2, ShippingPolicy.PARTIAL)))).get();
            producer.send(new ProducerRecord<>(Topics.LINE_EVENTS.name(), order, new LineEvent(new LineBackordered(
                    order + "/b", now, order, "2", "SKU-B", 1, 1, 1, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2),
                    now, null, new BigDecimal("9.0000"))))).get();
        }
    }

    @AfterAll
    static void stop() {
        CONTEXTS.forEach(ApplicationContext::close);
    }

    private static HttpResponse<String> get(final String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyInstanceAnswersTheSameKpisAndOnlyTheHolderReportsThemAsMetrics() {
        await().atMost(WAIT).untilAsserted(() -> {
            for (final String url : URLS) {
                final HttpResponse<String> reply = get(url + "/kpis");
                assertThat(reply.statusCode()).as(url + ": " + reply.body()).isEqualTo(200);
                final JsonNode all = JSON.readTree(reply.body()).path("windows").path("all");
                assertThat(all.path("linesDecided").asLong()).as(url).isEqualTo(2);
                assertThat(all.path("backorderRate").asDouble()).as(url).isEqualTo(0.5);
            }
            final List<String> rates = new ArrayList<>();
            for (final String url : URLS) {
                get(url + "/prometheus").body().lines()
                        .filter(l -> l.startsWith("restock_backorder_rate_ratio{window=\"all\"}"))
                        .forEach(l -> rates.add(l.substring(l.lastIndexOf(' ') + 1)));
            }
            assertThat(rates).containsExactlyInAnyOrder("0.5", "NaN");
        });
    }
}
