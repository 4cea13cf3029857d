package io.restock.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.demo.catalog.Catalog;
import io.restock.demo.catalog.Zipf;
import io.restock.demo.sim.JsonHttp;
import io.restock.demo.sim.SimClock;
import io.restock.localkafka.clients.TextProducer;
import io.restock.schemas.topics.Topics;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Two shops ordering from Restock. {@value #HTTP_SHOP} orders over order-intake's HTTP API (with an
 * {@code Idempotency-Key}, and a retry of every tenth order with the same key, which must not place it twice);
 * {@value #KAFKA_SHOP} publishes half its orders as JSON on its own {@code shops.other-shop.order-submissions}
 * (key orderId) and the other half over HTTP. SKUs are drawn Zipf-skewed over the catalogue, 1-3 lines of 1-4 units, one order in five
 * {@code COMPLETE}. One simulated day after ordering, the shop reads the order's status
 * ({@code GET /orders/{id}}); a customer whose line is backordered cancels it with probability 12%, through the
 * channel the order came by.
 */
public final class Shops implements AutoCloseable {

    public static final String HTTP_SHOP = "demo-shop";
    public static final String HTTP_SHOP_KEY = "demo-shop-key";
    public static final String KAFKA_SHOP = "other-shop";
    public static final String KAFKA_SHOP_KEY = "other-shop-key";

    private final Catalog catalog;
    private final Zipf popularity;
    private final JsonHttp http;
    private final URI orderIntake;
    private final SimClock clock;
    private final ScheduledExecutorService scheduler;
    private final KafkaProducer<String, String> producer;
    private final String runId;
    private final Random random;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong placedHttp = new AtomicLong();
    private final AtomicLong placedKafka = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cancellations = new AtomicLong();

    public Shops(final Catalog catalog, final JsonHttp http, final URI orderIntake, final SimClock clock,
                 final ScheduledExecutorService scheduler, final String bootstrapServers, final String runId,
                 final long seed) {
        this.catalog = catalog;
        this.popularity = new Zipf(catalog.skus().size(), 1.07);
        this.http = http;
        this.orderIntake = orderIntake;
        this.clock = clock;
        this.scheduler = scheduler;
        this.runId = runId;
        this.random = new Random(seed);
        producer = TextProducer.idempotent(bootstrapServers);
    }

    /** Places one order from one of the shops. */
    public void placeOrder() {
        final long n = sequence.incrementAndGet();
        final boolean kiosk;
        final boolean viaKafka;
        final Map<String, Object> order;
        synchronized (random) {
            kiosk = random.nextDouble() < 0.4;
            viaKafka = kiosk && random.nextBoolean();
            order = order(runId + "-" + (kiosk ? "k" : "d") + n, n);
        }
        final String shop = kiosk ? KAFKA_SHOP : HTTP_SHOP;
        final String key = kiosk ? KAFKA_SHOP_KEY : HTTP_SHOP_KEY;
        final String orderId = (String) order.get("orderId");
        if (viaKafka) {
            producer.send(new ProducerRecord<>(Topics.shopSubmissions(shop).name(), orderId,
                    json(Map.of("type", "OrderPlaced", "shopId", shop, "order", order))), (metadata, error) -> {
                        if (error == null) {
                            placedKafka.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    });
        } else {
            final String body = json(order);
            final Map<String, String> headers = Map.of("Authorization", "Bearer " + key,
                    "Idempotency-Key", "idem-" + orderId);
            final JsonHttp.Answer answer = http.post(orderIntake.resolve("/orders"), headers, body);
            if (!answer.ok()) {
                refused.incrementAndGet();
                return;
            }
            placedHttp.incrementAndGet();
            if (n % 10 == 0) {
                // A shop retrying after a lost answer: same key, same body.
                final JsonHttp.Answer replay = http.post(orderIntake.resolve("/orders"), headers, body);
                if (replay.ok() && replay.body().contains(orderId)) {
                    replays.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
        }
        scheduler.schedule(() -> maybeCancel(orderId, key, shop, viaKafka),
                clock.wallDuration(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<String, Object> order(final String orderId, final long n) {
        final Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", orderId);
        final int customer = random.nextInt(400);
        final Map<String, Object> who = new LinkedHashMap<>();
        who.put("id", "c-" + customer);
        who.put("email", "customer" + customer + "@example.com");
        who.put("tier", customer % 10 == 0 ? "GOLD" : "STANDARD");
        who.put("locale", customer % 4 == 0 ? "de-DE" : "en");
        order.put("customer", who);
        order.put("currency", "EUR");
        final List<Map<String, Object>> lines = new ArrayList<>();
        final int count = 1 + (random.nextDouble() < 0.3 ? 1 + random.nextInt(2) : 0);
        final List<String> skus = new ArrayList<>();
        while (lines.size() < count) {
            final Catalog.Sku sku = catalog.byRank(popularity.next(random));
            if (skus.contains(sku.sku())) {
                continue;
            }
            skus.add(sku.sku());
            lines.add(Map.of("lineId", String.valueOf(lines.size() + 1), "sku", sku.sku(),
                    "quantity", 1 + random.nextInt(4), "unitPrice", sku.unitPrice().toPlainString()));
        }
        order.put("lines", lines);
        order.put("placedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        order.put("shippingPolicy", n % 5 == 0 ? "COMPLETE" : "PARTIAL");
        return order;
    }

    private void maybeCancel(final String orderId, final String key, final String shop, final boolean viaKafka) {
        final JsonHttp.Answer status = http.get(orderIntake.resolve("/orders/" + orderId),
                Map.of("X-Api-Key", key));
        if (!status.ok()) {
            return;
        }
        for (final JsonNode line : JsonHttp.parse(status.body()).path("lines")) {
            final boolean cancel;
            synchronized (random) {
                cancel = "BACKORDERED".equals(line.path("status").asText()) && random.nextDouble() < 0.12;
            }
            if (!cancel) {
                continue;
            }
            final String lineId = line.path("lineId").asText();
            if (viaKafka) {
                producer.send(new ProducerRecord<>(Topics.shopSubmissions(shop).name(), orderId, json(Map.of(
                        "type", "OrderCancellationRequested", "shopId", shop, "orderId", orderId,
                        "lineIds", List.of(lineId), "reason", "found it elsewhere"))));
                cancellations.incrementAndGet();
            } else if (http.post(orderIntake.resolve("/orders/" + orderId + "/lines/" + lineId + "/cancellation"),
                    Map.of("X-Api-Key", key), Map.of("reason", "too slow")).ok()) {
                cancellations.incrementAndGet();
            }
        }
    }

    private static String json(final Object value) {
        try {
            return JsonHttp.json().writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders placed over HTTP / on the topic, idempotent replays answered, refusals, cancellations sent. */
    public record Stats(long placedHttp, long placedKafka, long replays, long refused, long cancellations) {
    }

    public Stats stats() {
        return new Stats(placedHttp.get(), placedKafka.get(), replays.get(), refused.get(), cancellations.get());
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
