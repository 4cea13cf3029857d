package io.restock.kpis.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restock.events.BackorderAllocated;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.AcknowledgedLine;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.SupplierEvent;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.kpis.dashboard.GrafanaDashboards;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running backorder-kpis on a real broker and registry: events in, the KPIs out over HTTP ({@code /kpis},
 * {@code /kpis/open-backorders}) and on {@code /prometheus}, consumer lag of its own group on {@code /lag}, the
 * dashboard and its charting library served from the jar.
 */
@RestockKafka
class KpiServiceIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final java.util.List<String> OTHER_SERVICES = java.util.List.of("backorder-processor", "inventory-stream",
            "notifier", "order-intake", "supplier-gateway");
    static ServiceUnderTest service;
    static String baseUrl;
    static Map<String, Object> settings;

    @BeforeAll
    static void start(final KafkaEnvironment kafka) throws Exception {
        final Duration timeout = Duration.ofSeconds(30);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(Topics.ALL);
        }
        kafka.createTopic(Topics.shopSubmissions("demo-shop").deadLetterTopic(), 1);
        settings = Map.of("backorder-kpis.streams.application-id", "backorder-kpis-it-" + UUID.randomUUID());
        final Map<String, Object> props = new HashMap<>(settings);
        props.put("backorder-kpis.metrics.refresh", "500ms");
        props.put("backorder-kpis.lag.refresh", "1s");
        final int closed = ServiceUnderTest.freePort();
        for (final String service : OTHER_SERVICES) {
            props.put("backorder-kpis.dashboard.services." + service, "http://127.0.0.1:" + closed);
        }
        service = ServiceUnderTest.start("backorder-kpis", kafka, props);
        baseUrl = service.baseUrl();

        // Two lines: one allocated in full, one backordered and filled 2 hours later: backorder rate 1/2.
        final Instant now = Instant.now();
        final String order = "it-" + UUID.randomUUID();
        final EventSerdes serdes = EventSerdes.registry(registry, false);
        try (KafkaProducer<String, LineEvent> producer = new KafkaProducer<>(kafka.producerProperties(),
                new StringSerializer(), Topics.LINE_EVENTS.valueSerde(serdes).serializer());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.producerProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            final String topic = Topics.LINE_EVENTS.name();
            final Instant opened = now.minus(Duration.ofHours(2));
            producer.send(new ProducerRecord<>(topic, null, opened.toEpochMilli(), order, new LineEvent(new LineAllocated(
                    order + "/a", opened, order, "1", "SKU-A", 3, 3, ShippingPolicy.PARTIAL))));
            producer.send(new ProducerRecord<>(topic, null, opened.toEpochMilli(), order, new LineEvent(
                    new LineBackordered(order + "/b", opened, order, "2", "SKU-B", 4, 4, 1,
                            LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3), opened, null,
                            new BigDecimal("40.0000"), null, false))));
            producer.send(new ProducerRecord<>(topic, order, new LineEvent(new LineBackordered(order + "/c", now, order,
                    "3", "SKU-C", 2, 2, 1, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3), now, null,
                    new BigDecimal("500.0000"), null, false))));
            producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), order, new LineEvent(
                    new BackorderAllocated(order + "/f", now, order, "2", "SKU-B", 4, 0, null))));
            try (KafkaProducer<String, PurchaseOrderEvent> pos = new KafkaProducer<>(kafka.producerProperties(),
                    new StringSerializer(), Topics.PURCHASE_ORDERS.valueSerde(serdes).serializer());
                 KafkaProducer<String, SupplierEvent> answers = new KafkaProducer<>(kafka.producerProperties(),
                         new StringSerializer(), Topics.SUPPLIER_EVENTS.valueSerde(serdes).serializer());
                 KafkaProducer<String, StockMovement> receipts = new KafkaProducer<>(kafka.producerProperties(),
                         new StringSerializer(), Topics.STOCK_MOVEMENTS.valueSerde(serdes).serializer())) {
                // A purchase order of two lines promised for in 3 days; one line received today: on time, and the
                // order still in flight.
                final String po = "PO-it-" + UUID.randomUUID();
                final LocalDate promised = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3);
                pos.send(new ProducerRecord<>(Topics.PURCHASE_ORDERS.name(), po, new PurchaseOrderEvent(
                        new PurchaseOrderIssued(po + "/issued", now, po, "acme", "EUR", List.of(
                                new PurchaseOrderLine("1", "SKU-B", 5, new BigDecimal("2.0000"), null, false, null, null),
                                new PurchaseOrderLine("2", "SKU-C", 5, new BigDecimal("2.0000"), null, false, null,
                                        null)))))).get();
                answers.send(new ProducerRecord<>(Topics.SUPPLIER_EVENTS.name(), po, new SupplierEvent(
                        new PurchaseOrderAcknowledged(po + "/ack", now, po, "acme", "m-" + po, List.of(
                                new AcknowledgedLine("1", 5, promised), new AcknowledgedLine("2", 5, promised)))))).get();
                // Given time to reach the task first: a receipt that overtakes the order is ignored.
                await().atMost(WAIT).until(() -> get("/kpis").statusCode() == 200
                        && JSON.readTree(get("/kpis").body()).path("purchaseOrdersInFlight").asLong() == 1);
                receipts.send(new ProducerRecord<>(Topics.STOCK_MOVEMENTS.name(), "SKU-B", new StockMovement(
                        new StockReceived(po + "/rcv", now, "mv-" + po, "wh-1", "SKU-B", 5, po, "1")))).get();
            }
            raw.send(new ProducerRecord<>(Topics.shopSubmissions("demo-shop").deadLetterTopic(),
                    "k".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> reply = get(path);
        assertThat(reply.statusCode()).as(path + ": " + reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    @Test
    void theKpisOfTheEventsAreServedAsJson() {
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode all = json("/kpis").path("windows").path("all");
            assertThat(all.path("linesDecided").asLong()).isEqualTo(3);
            assertThat(all.path("backorderRate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(all.path("backordersFilled").asLong()).isEqualTo(1);
            assertThat(all.path("waitMaxSeconds").asDouble()).isEqualTo(7200.0);
            assertThat(all.path("deadLetters").path("dlq.shops.demo-shop.order-submissions").asLong()).isEqualTo(1);
        });
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode top = json("/kpis/open-backorders?top=1").path("skus");
            assertThat(top).hasSize(1);
            assertThat(top.get(0).path("sku").asText()).isEqualTo("SKU-C");
            assertThat(top.get(0).path("value").decimalValue()).isEqualByComparingTo("500");
        });
    }

    /**
     * A second instance (same application id, its own port and state): the sums live on one of the two, and
     * {@code GET /kpis} answers the same figures on both (the other forwards once); only the holder reports the KPI
     * series on {@code /prometheus}, the other NaN.
     */
    @Test
    void everyInstanceAnswersTheSameKpisAndOnlyTheHolderReportsThemAsMetrics(final KafkaEnvironment kafka)
            throws Exception {
        try (ServiceUnderTest second = ServiceUnderTest.start("backorder-kpis", kafka, settings)) {
            assertThat(second.context().isRunning()).isTrue();
            final List<String> urls = List.of(baseUrl, second.baseUrl());
            await().atMost(WAIT).untilAsserted(() -> {
                for (final String url : urls) {
                    final HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/kpis"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(reply.statusCode()).as(url + ": " + reply.body()).isEqualTo(200);
                    final JsonNode all = JSON.readTree(reply.body()).path("windows").path("all");
                    assertThat(all.path("linesDecided").asLong()).as(url).isEqualTo(3);
                }
                final List<String> rates = new java.util.ArrayList<>();
                for (final String url : urls) {
                    HTTP.send(HttpRequest.newBuilder(URI.create(url + "/prometheus")).build(),
                                    HttpResponse.BodyHandlers.ofString()).body().lines()
                            .filter(l -> l.startsWith("restock_backorder_rate_ratio{window=\"all\"}"))
                            .forEach(l -> rates.add(l.substring(l.lastIndexOf(' ') + 1)));
                }
                assertThat(rates).as("one holder, one NaN").hasSize(2).contains("NaN")
                        .anyMatch(r -> r.startsWith("0.666"));
            });
        }
    }

    @Test
    void aTopOutOfRangeIsAProblem() throws Exception {
        final HttpResponse<String> reply = get("/kpis/open-backorders?top=0");
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }

    @Test
    void theKpisAreOnPrometheusWithTheWindowAsALabel() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            final String scrape = get("/prometheus").body();
            assertThat(scrape).contains("restock_backorder_rate_ratio{window=\"all\"} 0.6666");
            assertThat(scrape).contains("restock_order_lines_decided_total 3.0");
            assertThat(scrape).contains("restock_dead_letters_total{topic=\"dlq.shops.demo-shop.order-submissions\"} 1.0");
        });
        final String scrape = get("/prometheus").body();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/scrape.txt"), scrape);
    }

    @Test
    void aSuppliersDeliveriesAndThePurchaseOrdersInFlightAreCounted() {
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode kpis = json("/kpis");
            assertThat(kpis.path("purchaseOrdersInFlight").asLong()).isEqualTo(1);
            final JsonNode acme = kpis.path("windows").path("all").path("supplierOnTime").path("acme");
            assertThat(acme.path("deliveries").asLong()).isEqualTo(1);
            assertThat(acme.path("onTimeRatio").asDouble()).isEqualTo(1.0);
        });
    }

    /** Every Grafana panel's PromQL names only metrics a running service exposes (or Prometheus' own {@code up}). */
    @Test
    void everyGrafanaPanelQueriesMetricsTheServicesExpose() throws Exception {
        final Map<String, Set<String>> panels = GrafanaDashboards.metricsPerPanel(
                java.nio.file.Path.of(System.getProperty("restock.root")));
        assertThat(panels).hasSizeGreaterThan(20);
        await().atMost(WAIT).untilAsserted(() -> {
            final Set<String> exposed = exposedMetricNames(get("/prometheus").body());
            exposed.addAll(GrafanaDashboards.PROMETHEUS_OWN);
            panels.forEach((panel, names) -> {
                assertThat(names).as(panel + " queries a metric").isNotEmpty();
                assertThat(exposed).as(panel).containsAll(names);
            });
        });
    }

    static Set<String> exposedMetricNames(final String scrape) {
        final Set<String> names = new TreeSet<>();
        for (final String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                final int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    @Test
    void consumerLagIsMeasuredForRestockGroups() {
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode lag = json("/lag");
            assertThat(lag.path("partitions").findValuesAsText("group")).anyMatch(g -> g.startsWith("backorder-kpis-it-"));
            assertThat(get("/prometheus").body()).contains("restock_consumer_lag_records{group=\"backorder-kpis-it-");
        });
    }

    @Test
    void streamHealthOfEveryServiceIsReadFromItsHealthAndMetrics() {
        await().atMost(WAIT).untilAsserted(() -> {
            final JsonNode services = json("/services").path("services");
            assertThat(services.findValuesAsText("service")).containsExactly("backorder-kpis", "backorder-processor",
                    "inventory-stream", "notifier", "order-intake", "supplier-gateway");
            final JsonNode self = services.get(0);
            assertThat(self.path("status").asText()).isEqualTo("UP");
            assertThat(self.path("streamsState").asText()).isEqualTo("RUNNING");
            assertThat(self.path("aliveStreamThreads").asDouble()).isEqualTo(1.0);
            assertThat(self.path("rebalances").asDouble()).isGreaterThanOrEqualTo(1.0);
            assertThat(services.get(1).path("status").asText()).as("nothing listens there").isEqualTo("DOWN");
        });
    }

    /**
     * Debian's Chromium, headless, driven by playwright-core ({@code src/test/browser/dashboard-check.mjs}): the page
     * loads, every chart has data, the all-time backorder rate and the open lines shown equal {@code GET /kpis}'s,
     * and a screenshot is written to {@code target/dashboard.png}. Skipped, saying why, without /usr/bin/chromium
     * (Debian package chromium) or node.
     */
    @Test
    void theDashboardShowsEveryChartWithDataInHeadlessChromium() throws Exception {
        final java.nio.file.Path chromium = java.nio.file.Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium),
                "Debian's chromium is not installed (apt-get install chromium): the dashboard was not opened in a browser");
        final java.nio.file.Path browser = java.nio.file.Path.of("src/test/browser").toAbsolutePath();
        if (!Files.isDirectory(browser.resolve("node_modules/playwright-core"))) {
            assertThat(run(browser, 300, "npm", "ci", "--no-audit", "--no-fund").exit()).isZero();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(json("/kpis").path("windows").path("all")
                .path("linesDecided").asLong()).isEqualTo(3));
        final java.nio.file.Path screenshot = java.nio.file.Path.of("target/dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        final Run check = run(browser, 180, "node", "dashboard-check.mjs", baseUrl, screenshot.toString());
        assertThat(check.exit()).as(check.output()).isZero();
        final JsonNode result = JSON.readTree(check.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow());
        assertThat(result.path("charts").findValuesAsText("id")).containsExactlyInAnyOrder("chart-rates",
                "chart-volume", "chart-open-skus", "chart-lag", "chart-process-rate");
        assertThat(result.path("shownBackorderRate").asText()).isEqualTo("66.7 %");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    record Run(int exit, String output) {
    }

    static Run run(final java.nio.file.Path dir, final int seconds, final String... command) throws Exception {
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (final IOException e) {
                        return e.toString();
                    }
                });
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after " + seconds + " s: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), output.get());
    }

    @Test
    void theDashboardAndItsChartingLibraryAreServedFromTheJar() throws Exception {
        final HttpResponse<String> page = get("/dashboard/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/uplot/");
        assertThat(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
    }
}
