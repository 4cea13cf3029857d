package io.restock.demo.world;

import io.restock.demo.sim.JsonHttp;
import io.restock.demo.sim.SimClock;
import io.restock.demo.catalog.Catalog;
import io.restock.demo.mail.MailCatcher;
import io.restock.demo.observe.EventFeed;
import io.restock.demo.observe.EventLedger;
import io.restock.demo.observe.Journal;
import io.restock.demo.observe.KpiCalculator;
import io.restock.demo.report.Kpis;
import io.restock.demo.shop.Shops;
import io.restock.demo.supplier.SupplierTopicReader;
import io.restock.demo.supplier.SupplierWorld;
import io.restock.demo.supplier.WebhookEndpoint;
import io.restock.demo.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The demo's world around a running Restock, through the public interfaces only: registers two suppliers
 * (supplier-gateway admin API), loads the catalogue (inventory-stream catalog API) and the offers
 * (backorder-processor), receives starting stock (warehouse API), then lets the {@link Shops}, the
 * {@link SupplierWorld} (one supplier on its Kafka topic, one by signed webhook) and the {@link Warehouse} play
 * for the configured time while customer emails land in the {@link MailCatcher}, printing a progress line; then
 * gives suppliers and the warehouse {@code settle} more time and reports what the events say.
 */
public final class World {

    public static final String SUPPLIER_ADMIN_KEY = "demo-admin-key";
    public static final String KAFKA_SUPPLIER_KEY = "demo-supplier-key";
    public static final String WEBHOOK_SUPPLIER_KEY = "brightparts-key";
    public static final String WEBHOOK_SECRET = "whsec_demo_brightparts_0001";

    /** What a run produced. */
    public record Outcome(String runId, EventLedger.Counts counts, Kpis kpis, List<List<Journal>> journeys,
                          Map<String, Long> deadLetters, Map<String, Long> rejections,
                          Map<String, Long> notifications, Shops.Stats shops, SupplierWorld.Stats suppliers,
                          WebhookEndpoint.Stats webhook, Warehouse.Stats warehouse, List<MailCatcher.Mail> mails,
                          long httpFailures, Throwable feedFailure, Duration elapsed) {
    }

    /** Told where a run is, e.g. by a benchmark measuring only the ordering part. Every method may be left out. */
    public interface Phases {
        /** Set-up is done (suppliers, catalogue, offers, starting stock); shops start ordering now. */
        default void playing(final String runId, final Instant at) {
        }

        /** Shops stopped ordering after {@code orders} orders; suppliers and the warehouse go on (settle). */
        default void orderingStopped(final Instant at, final long orders) {
        }
    }

    private static final Phases NO_PHASES = new Phases() {
    };

    private final Endpoints endpoints;
    private final WorldSettings settings;
    private final PrintStream out;
    private final boolean console;
    private final OpenLoop openLoop;
    private final Phases phases;

    public World(final Endpoints endpoints, final WorldSettings settings, final PrintStream out, final boolean console) {
        this(endpoints, settings, out, console, null, NO_PHASES);
    }

    /**
     * A world whose shops order on an {@link OpenLoop} (its rate and duration or count, not the settings'
     * {@code ordersPerSecond} and {@code duration}; the settle time still follows the settings), telling
     * {@code phases} where it is.
     */
    public World(final Endpoints endpoints, final WorldSettings settings, final PrintStream out, final boolean console,
                 final OpenLoop openLoop, final Phases phases) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.out = out;
        this.console = console;
        this.openLoop = openLoop;
        this.phases = phases;
    }

    public Outcome run() throws IOException, InterruptedException {
        final Instant start = Instant.now();
        final String runId = "r" + Long.toString(start.getEpochSecond() % 1_000_000, 36);
        final Predicate<String> ours = id -> id != null && id.startsWith(runId + "-");
        final SimClock clock = new SimClock(start, settings.secondsPerDay());
        final Catalog catalog = Catalog.generate(settings.skus(), settings.seed());
        final JsonHttp http = new JsonHttp();
        final EventLedger ledger = new EventLedger(ours, clock);
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(6);
        try (MailCatcher mail = new MailCatcher(endpoints.smtpPort());
             EventFeed feed = new EventFeed(endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), ledger, start)
                     .start();
             Warehouse warehouse = new Warehouse(http, endpoints.inventoryStream(), clock, scheduler,
                     endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(), runId, ours)) {
            final SupplierWorld suppliers = new SupplierWorld(catalog, clock, http, endpoints.supplierGateway(),
                    warehouse, scheduler, settings.seed() + 1, start);
            final SupplierWorld.Supplier acme = new SupplierWorld.Supplier(Catalog.KAFKA_SUPPLIER, KAFKA_SUPPLIER_KEY);
            final SupplierWorld.Supplier bright = new SupplierWorld.Supplier(Catalog.WEBHOOK_SUPPLIER,
                    WEBHOOK_SUPPLIER_KEY);
            try (WebhookEndpoint webhook = new WebhookEndpoint(endpoints.webhookPort(), WEBHOOK_SECRET,
                         (delivery, doc) -> suppliers.onDocument(bright, doc));
                 SupplierTopicReader topicReader = new SupplierTopicReader(endpoints.bootstrapServers(),
                         Catalog.KAFKA_SUPPLIER, runId, doc -> suppliers.onDocument(acme, doc));
                 Shops shops = new Shops(catalog, http, endpoints.orderIntake(), clock, scheduler,
                         endpoints.bootstrapServers(), runId, settings.seed() + 2)) {
                out.printf("demo %s: %d SKUs, 2 suppliers, 2 shops, %.1f orders/s for %s, 1 simulated day = %.1f s%n",
                        runId, catalog.skus().size(), settings.ordersPerSecond(), settings.duration(),
                        settings.secondsPerDay());
                setUp(http, catalog, warehouse, webhook.url(), runId);
                warehouse.start();
                topicReader.start();
                final Instant playing = Instant.now();
                phases.playing(runId, playing);
                final long periodMicros = Math.max(1, Math.round(1_000_000 / settings.ordersPerSecond()));
                final Future<?> ordering = openLoop != null ? openLoop.start(shops::placeOrder)
                        : scheduler.scheduleAtFixedRate(shops::placeOrder, 0, periodMicros, TimeUnit.MICROSECONDS);
                final Instant stopOrdering = playing.plus(openLoop != null
                        ? Duration.ofNanos(openLoop.dueNanos(openLoop.plannedCount())) : settings.duration());
                Instant end = stopOrdering.plus(settings.settle());
                boolean told = false;
                Instant nextLine = Instant.now();
                while (Instant.now().isBefore(end)) {
                    mail.drain(m -> ledger.onEmail(m.orderId(), m.caughtAt(), m.subject(), m.to()));
                    if (!ordering.isDone() && !Instant.now().isBefore(stopOrdering)) {
                        if (openLoop != null) {
                            openLoop.stop();
                        }
                        ordering.cancel(false);
                    }
                    if (ordering.isDone() && !told) {
                        told = true;
                        end = Instant.now().plus(settings.settle());
                        phases.orderingStopped(Instant.now(), shops.stats().placedHttp() + shops.stats().placedKafka());
                    }
                    if (!Instant.now().isBefore(nextLine)) {
                        progress(ledger.counts(), clock, ordering.isDone(), false);
                        nextLine = Instant.now().plusSeconds(console ? 1 : 10);
                    }
                    if (feed.failure() != null) {
                        throw new IllegalStateException("the demo stopped reading Restock's topics", feed.failure());
                    }
                    // The progress line's pace: the loop waits for the clock, nothing else.
                    Thread.sleep(200);
                }
                ordering.cancel(false);
                mail.drain(m -> ledger.onEmail(m.orderId(), m.caughtAt(), m.subject(), m.to()));
                progress(ledger.counts(), clock, true, true);
                scheduler.shutdownNow();
                return new Outcome(runId, ledger.counts(), KpiCalculator.compute(ledger, catalog, clock),
                        Journeys.pick(ledger.journals(), 3), ledger.deadLetters(), ledger.rejectionsByReason(),
                        ledger.notificationsByKind(), shops.stats(), suppliers.stats(), webhook.stats(),
                        warehouse.stats(), mail.mails(), http.failures(), feed.failure(),
                        Duration.between(start, Instant.now()));
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private void setUp(final JsonHttp http, final Catalog catalog, final Warehouse warehouse, final String webhookUrl,
                       final String runId) {
        final Map<String, String> admin = Map.of("Authorization", "Bearer " + SUPPLIER_ADMIN_KEY);
        require(http.put(endpoints.supplierGateway().resolve("/admin/suppliers/" + Catalog.KAFKA_SUPPLIER), admin,
                supplier("ACME Components", "KAFKA", null, KAFKA_SUPPLIER_KEY)), "register supplier acme");
        require(http.put(endpoints.supplierGateway().resolve("/admin/suppliers/" + Catalog.WEBHOOK_SUPPLIER), admin,
                supplier("Bright Parts", "WEBHOOK", webhookUrl, WEBHOOK_SUPPLIER_KEY)), "register supplier brightparts");
        require(http.post(endpoints.inventoryStream().resolve("/catalog/skus"), Map.of(),
                catalog.skus().stream().map(Catalog.Sku::policyJson).toList()), "load the catalogue");
        require(http.post(endpoints.backorderProcessor().resolve("/supplier-offers"), Map.of(),
                catalog.offers().stream().map(Catalog.Offer::json).toList()), "load the supplier offers");
        for (final Catalog.Sku sku : catalog.skus()) {
            if (sku.initialStock() > 0) {
                warehouse.receive("init-" + runId + "-" + sku.sku(), sku.sku(), sku.initialStock(), null, null);
            }
        }
        awaitStock(http, catalog);
    }

    /** Waits (bounded) until inventory-stream shows the starting stock of the last SKU received. */
    private void awaitStock(final JsonHttp http, final Catalog catalog) {
        final Catalog.Sku last = catalog.skus().stream().filter(s -> s.initialStock() > 0).reduce((a, b) -> b)
                .orElseThrow();
        final Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            final JsonHttp.Answer answer = http.get(endpoints.inventoryStream().resolve("/skus/" + last.sku()
                    + "/stock"), Map.of());
            if (answer.ok() && JsonHttp.parse(answer.body()).path("onHand").asInt() >= last.initialStock()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("inventory-stream did not show the starting stock of " + last.sku()
                + " within 60 s");
    }

    private static Map<String, Object> supplier(final String name, final String channel, final String webhookUrl,
                                                final String apiKey) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("channel", channel);
        if (webhookUrl != null) {
            body.put("webhookUrl", webhookUrl);
            body.put("signingSecrets", List.of(WEBHOOK_SECRET));
        }
        body.put("apiKeySha256", sha256(apiKey));
        body.put("contact", "orders@" + name.toLowerCase().replace(' ', '-') + ".example");
        return body;
    }

    static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(final JsonHttp.Answer answer, final String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("could not " + what + ": HTTP " + answer.status() + " " + answer.body());
        }
    }

    private void progress(final EventLedger.Counts c, final SimClock clock, final boolean settling,
                          final boolean last) {
        final String line = String.format("day %5.1f%s | orders %d | lines alloc %d / backord %d / rejected %d | "
                        + "backorders open %d filled %d cancelled %d | POs %d acked %d rejected %d | dates moved %d | "
                        + "received %d shipped %d | emails %d | dead letters %d",
                clock.today(), settling ? " (settling)" : "", c.orders(), c.linesAllocated(), c.linesBackordered(),
                c.linesRejected(), c.backordersOpen(), c.backordersFilled(), c.backordersCancelled(),
                c.purchaseOrdersIssued(), c.purchaseOrdersAcknowledged(), c.purchaseOrdersRejected(), c.datesMoved(),
                c.receipts(), c.shipped(), c.emailsCaught(), c.deadLetters());
        if (console) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

}
