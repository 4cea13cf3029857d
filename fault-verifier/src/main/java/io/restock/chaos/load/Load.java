package io.restock.chaos.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.chaos.log.RunLog;
import io.restock.localkafka.clients.TextProducer;
import io.restock.schemas.suppliers.SupplierOrderBook.Line;
import io.restock.schemas.suppliers.SupplierOrderBook.Order;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The verifier's shop, warehouse and catalog, through the services' public HTTP APIs only, every request logged
 * ({@link RunLog}) with each attempt's status: a catalog of {@code skus} SKUs (a third with little or no stock),
 * one supplier ({@value #SUPPLIER}, offers with minimum 1 and pack 1), starting stock by warehouse receipts; then
 * until {@link #stop}: orders of 1-3 lines at a steady rate (PARTIAL, Idempotency-Key per order), a cancellation
 * of an earlier accepted order every {@value #CANCEL_EVERY} orders, a receipt every two seconds, a count
 * correction every ten; and as the warehouse, a shipment of every line of every shipment request ({@link Warehouse}). Each
 * request runs on a worker and is retried with the same key while its service is away ({@link RetryingHttp}).
 */
public final class Load {

    public static final String SUPPLIER = "acme";
    /** The second supplier, dearer, offering the same SKUs: where demand goes when acme rejects. */
    public static final String SECOND_SUPPLIER = "bolt";
    /** The share of acme's purchase-order lines it rejects, one in this many. */
    static final int REJECT_ONE_IN = 5;
    static final String SHOP_KEY = "demo-shop-key";
    /** The shop the orders are placed for, over HTTP (its API key) and on its own Kafka topic. */
    public static final String SHOP = "demo-shop";
    /** One order in this many goes through the Kafka entrance ({@code shops.<shop>.order-submissions}). */
    static final int KAFKA_DOOR_EVERY = 4;
    /** One order in this many asks to ship COMPLETE (whole), the others PARTIAL. */
    static final int COMPLETE_EVERY = 5;
    static final String ADMIN_KEY = "demo-admin-key";
    static final int CANCEL_EVERY = 8;
    /** Minimum order quantity and pack size of both suppliers' offers, by SKU index modulo 4: rule 8's rounding. */
    static final int[][] ORDER_TERMS = {{1, 1}, {5, 1}, {1, 6}, {8, 4}};

    private final RunLog log;
    private final RetryingHttp http;
    private final URI orderIntake;
    private final URI inventory;
    private final URI backorders;
    private final URI gateway;
    private final Random random;
    private final String runId;
    private final List<String> skus = new ArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger orders = new AtomicInteger();
    private final AtomicInteger receipts = new AtomicInteger();
    private final AtomicInteger receiptIds = new AtomicInteger();
    private final AtomicInteger adjustments = new AtomicInteger();
    private final AtomicInteger shipments = new AtomicInteger();
    private final Warehouse warehouse;
    private final org.apache.kafka.clients.producer.KafkaProducer<String, String> shopProducer;
    private final Suppliers suppliers;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger answers = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(12);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    public Load(final RunLog log, final RetryingHttp http, final URI orderIntake, final URI inventory,
                final URI backorders, final URI gateway, final String bootstrapServers,
                final String schemaRegistryUrl, final long seed, final int skuCount) {
        this.log = log;
        this.http = http;
        this.orderIntake = orderIntake;
        this.inventory = inventory;
        this.backorders = backorders;
        this.gateway = gateway;
        this.random = new Random(seed);
        this.runId = "c" + Long.toString(seed, 36);
        this.warehouse = new Warehouse(bootstrapServers, schemaRegistryUrl, runId,
                line -> workers.submit(() -> shipment(line)));
        this.shopProducer = TextProducer.idempotent(bootstrapServers);
        this.suppliers = new Suppliers(bootstrapServers, List.of(SUPPLIER, SECOND_SUPPLIER), runId,
                po -> after(Duration.ofSeconds(2), () -> acknowledge(po)));
        for (int i = 0; i < skuCount; i++) {
            skus.add("CHAOS-%03d".formatted(i));
        }
    }

    /**
     * Catalog, the two suppliers and their offers, starting stock; fails when a service refuses them. Starting
     * stock is received before the offers exist, so no receipt is matched to a purchase order.
     */
    public void seed() {
        for (final String supplierId : List.of(SUPPLIER, SECOND_SUPPLIER)) {
            final ObjectNode supplier = RetryingHttp.json().createObjectNode();
            supplier.put("name", supplierId.toUpperCase(java.util.Locale.ROOT) + " Components").put("channel", "KAFKA")
                    .put("apiKeySha256", sha256(apiKey(supplierId))).put("contact", "orders@" + supplierId + ".example");
            require(logged("catalog", http.send("PUT", gateway.resolve("/admin/suppliers/" + supplierId),
                    Map.of("Authorization", "Bearer " + ADMIN_KEY), supplier)), "supplier " + supplierId);
        }
        final ArrayNode policies = RetryingHttp.json().createArrayNode();
        final ArrayNode offers = RetryingHttp.json().createArrayNode();
        for (int i = 0; i < skus.size(); i++) {
            final String sku = skus.get(i);
            policies.addObject().put("sku", sku).put("backorderable", true).put("maxWaitDays", 60)
                    .put("reorderPoint", 2).put("safetyStock", 1).put("targetLevel", 12).put("handlingDays", 1)
                    .put("description", "Chaos part " + sku);
            final int[] terms = ORDER_TERMS[i % ORDER_TERMS.length];
            for (final String supplierId : List.of(SUPPLIER, SECOND_SUPPLIER)) {
                offers.addObject().put("supplierId", supplierId).put("sku", sku).put("leadTimeDays", 4)
                        .put("unitCost", supplierId.equals(SUPPLIER) ? "3.50" : "4.20").put("currency", "EUR")
                        .put("minimumOrderQuantity", terms[0]).put("packSize", terms[1]);
                final ObjectNode entry = RunLog.entry("offer");
                entry.put("supplierId", supplierId).put("sku", sku).put("minimumOrderQuantity", terms[0])
                        .put("packSize", terms[1]);
                log.write(entry);
            }
        }
        require(logged("catalog", http.send("POST", inventory.resolve("/catalog/skus"), Map.of(), policies)),
                "SKU policies");
        for (int i = 0; i < skus.size(); i++) {
            // a third of the SKUs start with little or nothing: their orders backorder
            final int stock = i % 3 == 0 ? random.nextInt(3) : 15 + random.nextInt(30);
            if (stock > 0) {
                receipt(skus.get(i), stock, (Order<Line>) null, null);
            }
        }
        require(logged("catalog", http.send("POST", backorders.resolve("/supplier-offers"), Map.of(), offers)),
                "supplier offers");
    }

    /** Starts the steady load: {@code ordersPerSecond} orders, cancellations and receipts. */
    public void start(final double ordersPerSecond) {
        final long period = Math.round(1_000_000 / ordersPerSecond);
        ticker.scheduleAtFixedRate(() -> workers.submit(this::order), 0, period, TimeUnit.MICROSECONDS);
        ticker.scheduleAtFixedRate(() -> workers.submit(() -> receipt(pickSku(), 3 + nextInt(12), (Order<Line>) null, null)), 1,
                4, TimeUnit.SECONDS);
        ticker.scheduleAtFixedRate(() -> workers.submit(this::adjustment), 5, 10, TimeUnit.SECONDS);
        warehouse.start();
        suppliers.start();
    }

    /** Stops sending and waits (bounded) until every request in flight has its last answer logged. */
    public void stop(final Duration wait) throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        warehouse.close(); // reads no more requests: what it read is queued on the workers
        suppliers.close();
        later.shutdownNow(); // answers not due yet are not given: those purchase orders stay open
        later.awaitTermination(5, TimeUnit.SECONDS);
        try {
            awaitWorkers(wait);
        } finally {
            shopProducer.close(Duration.ofSeconds(5));
        }
    }

    private void awaitWorkers(final Duration wait) throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
            throw new IllegalStateException("requests still unanswered " + wait + " after the load stopped");
        }
    }

    public int ordersSent() {
        return orders.get();
    }

    public int receiptsSent() {
        return receipts.get();
    }

    public int shipmentsSent() {
        return shipments.get();
    }

    private void order() {
        final int n = orders.incrementAndGet();
        final String orderId = runId + "-o" + n;
        final String key = "key-" + orderId;
        final boolean complete = n % COMPLETE_EVERY == 0;
        final boolean kafkaDoor = n % KAFKA_DOOR_EVERY == 2;
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("orderId", orderId);
        body.putObject("customer").put("id", "cust-" + nextInt(50)).put("email", "cust" + n + "@example.com");
        body.put("currency", "EUR").put("placedAt", Instant.now().toString())
                .put("shippingPolicy", complete ? "COMPLETE" : "PARTIAL");
        final ArrayNode lines = body.putArray("lines");
        final int count = 1 + nextInt(3);
        final List<String> used = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            final String sku = pickSku();
            if (used.contains(sku)) {
                continue;
            }
            used.add(sku);
            lines.addObject().put("lineId", String.valueOf(i)).put("sku", sku).put("quantity", 1 + nextInt(4))
                    .put("unitPrice", "9.99");
        }
        final RetryingHttp.Result result = kafkaDoor ? submit(orderId, body)
                : http.send("POST", orderIntake.resolve("/orders"),
                Map.of("Authorization", "Bearer " + SHOP_KEY, "Idempotency-Key", key), body);
        final ObjectNode entry = RunLog.entry("order");
        entry.put("orderId", orderId).put("door", kafkaDoor ? "kafka" : "http")
                .put("shippingPolicy", complete ? "COMPLETE" : "PARTIAL");
        if (!kafkaDoor) {
            entry.put("idempotencyKey", key);
        }
        entry.set("lines", lines);
        log.write(attempts(entry, result));
        if (result.ok()) {
            accepted.add(orderId);
        }
        if (n % CANCEL_EVERY == 0 && accepted.size() > 2) {
            cancel(accepted.get(nextInt(accepted.size())));
        }
    }

    /**
     * An order through the shop's Kafka entrance: {@code {"type":"OrderPlaced","order":...}} keyed by order id on
     * {@code shops.<shop>.order-submissions}, idempotent producer, acks=all. "202" here means Kafka acknowledged
     * the record (0: it did not, sent again with the same bytes until {@code 150 s}); its outcome is read from
     * {@code shops.<shop>.submission-outcomes} when the history is built.
     */
    private RetryingHttp.Result submit(final String orderId, final ObjectNode order) {
        final ObjectNode event = RetryingHttp.json().createObjectNode();
        event.put("type", "OrderPlaced").set("order", order);
        final String value = event.toString();
        final List<Integer> attempts = new ArrayList<>();
        final Instant deadline = Instant.now().plusSeconds(150);
        while (true) {
            try {
                shopProducer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        io.restock.schemas.topics.Topics.shopSubmissions(SHOP).name(), orderId, value))
                        .get(60, TimeUnit.SECONDS);
                attempts.add(202);
                return new RetryingHttp.Result(attempts, 202, "");
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                attempts.add(0);
                return new RetryingHttp.Result(attempts, 0, "interrupted");
            } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                attempts.add(0);
                if (Instant.now().isAfter(deadline)) {
                    return new RetryingHttp.Result(attempts, 0, e.toString());
                }
            }
        }
    }

    private void cancel(final String orderId) {
        final RetryingHttp.Result result = http.send("POST", orderIntake.resolve("/orders/" + orderId
                + "/cancellation"), Map.of("X-Api-Key", SHOP_KEY), Map.of("reason", "chaos"));
        final ObjectNode entry = RunLog.entry("cancellation");
        entry.put("orderId", orderId).putArray("lineIds");
        final String eventId = result.ok() ? result.json().path("eventId").asText(null) : null;
        entry.put("eventId", eventId);
        log.write(attempts(entry, result));
    }

    /** Goods received; against a purchase-order line when {@code movementId} is given (a supplier's delivery). */
    private void receipt(final String sku, final int quantity, final String movementId, final Order<Line> po,
                         final String poLineId) {
        receipts.incrementAndGet();
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("movementId", movementId).put("warehouseId", "wh-chaos").put("sku", sku).put("quantity", quantity);
        if (po != null) {
            body.put("purchaseOrderId", po.id()).put("purchaseOrderLineId", poLineId);
        }
        final RetryingHttp.Result result = http.send("POST", inventory.resolve("/warehouse/receipts"), Map.of(),
                body);
        final ObjectNode entry = RunLog.entry("receipt");
        entry.put("movementId", movementId).put("sku", sku).put("quantity", quantity);
        if (po != null) {
            entry.put("purchaseOrderId", po.id()).put("purchaseOrderLineId", poLineId);
        }
        log.write(attempts(entry, result));
    }

    private void receipt(final String sku, final int quantity, final Order<Line> po, final String poLineId) {
        receipt(sku, quantity, runId + "-r" + receiptIds.incrementAndGet(), po, poLineId);
    }

    // ---- the suppliers: acknowledge (a seeded share of acme's lines rejected), sometimes slip, ship, deliver

    private void acknowledge(final Order<Line> po) {
        final List<Line> open = po.lines().values().stream().filter(l -> !l.cancelled()).toList();
        if (open.isEmpty()) {
            return;
        }
        final Map<String, Boolean> rejected = new LinkedHashMap<>();
        open.forEach(l -> rejected.put(l.lineId(), po.supplierId().equals(SUPPLIER) && nextInt(REJECT_ONE_IN) == 0));
        if (!rejected.containsValue(false)) {
            final ObjectNode body = RetryingHttp.json().createObjectNode();
            body.put("messageId", po.id() + "-reject").put("decision", "REJECT").put("reason", "chaos: no capacity");
            answer(po, "acknowledgements", "rejection", body, open, l -> 0);
            return;
        }
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("messageId", po.id() + "-ack").put("decision", "ACCEPT").put("promisedDate", today(4));
        final ArrayNode lines = body.putArray("lines");
        final Map<String, Integer> accepted = new LinkedHashMap<>();
        for (final Line line : open) {
            final int quantity = rejected.get(line.lineId()) ? 0 : line.quantity();
            lines.addObject().put("lineId", line.lineId()).put("acceptedQuantity", quantity);
            accepted.put(line.lineId(), quantity);
        }
        if (!answer(po, "acknowledgements", "acknowledgement", body, open, l -> accepted.get(l.lineId()))) {
            return;
        }
        final List<Line> toShip = open.stream().filter(l -> accepted.get(l.lineId()) > 0).toList();
        if (nextInt(10) < 3) {
            after(Duration.ofSeconds(2), () -> slip(po, toShip));
        }
        after(Duration.ofSeconds(4), () -> ship(po, toShip, accepted));
    }

    private void slip(final Order<Line> po, final List<Line> lines) {
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("messageId", po.id() + "-slip");
        final ArrayNode array = body.putArray("lines");
        lines.forEach(l -> array.addObject().put("lineId", l.lineId()).put("promisedDate", today(6)));
        answer(po, "promised-dates", "promised-date", body, lines, l -> 0);
    }

    private void ship(final Order<Line> po, final List<Line> lines, final Map<String, Integer> accepted) {
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("messageId", po.id() + "-ship").put("shipmentId", po.id() + "-S1").put("expectedArrival", today(1))
                .put("carrier", po.supplierId().toUpperCase(java.util.Locale.ROOT) + " Freight")
                .put("trackingNumber", "TRK-" + po.id());
        final ArrayNode array = body.putArray("lines");
        lines.forEach(l -> array.addObject().put("lineId", l.lineId()).put("quantity", accepted.get(l.lineId())));
        if (answer(po, "shipments", "shipment", body, lines, l -> accepted.get(l.lineId()))) {
            after(Duration.ofSeconds(3), () -> lines.forEach(l -> receipt(l.sku(), accepted.get(l.lineId()),
                    "rcv-" + po.id() + "-" + l.lineId(), po, l.lineId())));
        }
    }

    /** One answer to supplier-gateway with the supplier's key, logged with its message id and the event id. */
    private boolean answer(final Order<Line> po, final String path, final String kind, final ObjectNode body,
                           final List<Line> lines, final java.util.function.ToIntFunction<Line> quantity) {
        answers.incrementAndGet();
        final RetryingHttp.Result result = http.send("POST", gateway.resolve("/purchase-orders/" + po.id() + "/"
                + path), Map.of("Authorization", "Bearer " + apiKey(po.supplierId())), body);
        final ObjectNode entry = RunLog.entry("supplier-answer");
        entry.put("supplierId", po.supplierId()).put("purchaseOrderId", po.id()).put("answer", kind)
                .put("messageId", body.path("messageId").asText())
                .put("eventId", result.ok() ? result.json().path("eventId").asText(null) : null);
        final ArrayNode array = entry.putArray("lines");
        lines.forEach(l -> array.addObject().put("lineId", l.lineId()).put("sku", l.sku())
                .put("quantity", quantity.applyAsInt(l)));
        log.write(attempts(entry, result));
        return result.ok();
    }

    private void after(final Duration delay, final Runnable action) {
        try {
            later.schedule(() -> workers.submit(action), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final java.util.concurrent.RejectedExecutionException stopped) {
            // the load stopped: the supplier gives no more answers
        }
    }

    private static String today(final int plusDays) {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(plusDays).toString();
    }

    private static String apiKey(final String supplierId) {
        return supplierId + "-key";
    }

    /** A count correction: a few units found (or one missing, refused with 422 when none is available). */
    private void adjustment() {
        final String movementId = runId + "-a" + adjustments.incrementAndGet();
        final String sku = pickSku();
        final int delta = nextInt(3) == 0 ? -1 : 1 + nextInt(3);
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("movementId", movementId).put("warehouseId", "wh-chaos").put("sku", sku).put("delta", delta)
                .put("reason", delta < 0 ? "count: one missing" : "count: found on the shelf");
        final RetryingHttp.Result result = http.send("POST", inventory.resolve("/warehouse/adjustments"), Map.of(),
                body);
        final ObjectNode entry = RunLog.entry("adjustment");
        entry.put("movementId", movementId).put("sku", sku).put("quantity", delta);
        log.write(attempts(entry, result));
    }

    /** A line of a shipment request leaves the warehouse, as its movement id (stable per request line). */
    private void shipment(final Warehouse.ShipmentLine line) {
        shipments.incrementAndGet();
        final ObjectNode body = RetryingHttp.json().createObjectNode();
        body.put("movementId", line.movementId()).put("warehouseId", "wh-chaos").put("sku", line.sku())
                .put("orderId", line.orderId()).put("lineId", line.lineId()).put("quantity", line.quantity())
                .put("carrier", "Chaos Freight").put("trackingNumber", "CF-" + line.movementId());
        final RetryingHttp.Result result = http.send("POST", inventory.resolve("/warehouse/shipments"), Map.of(),
                body);
        final ObjectNode entry = RunLog.entry("shipment");
        entry.put("movementId", line.movementId()).put("shipmentRequestId", line.shipmentRequestId())
                .put("orderId", line.orderId()).put("lineId", line.lineId()).put("sku", line.sku())
                .put("quantity", line.quantity());
        log.write(attempts(entry, result));
    }

    /** Popular SKUs first: half the picks go to the first quarter of the catalog. */
    private String pickSku() {
        final int quarter = Math.max(1, skus.size() / 4);
        return nextBoolean() ? skus.get(nextInt(quarter)) : skus.get(nextInt(skus.size()));
    }

    private synchronized int nextInt(final int bound) {
        return random.nextInt(bound);
    }

    private synchronized boolean nextBoolean() {
        return random.nextBoolean();
    }

    private RetryingHttp.Result logged(final String type, final RetryingHttp.Result result) {
        log.write(attempts(RunLog.entry(type), result));
        return result;
    }

    private static ObjectNode attempts(final ObjectNode entry, final RetryingHttp.Result result) {
        final ArrayNode attempts = entry.putArray("attempts");
        result.attempts().forEach(attempts::add);
        entry.put("status", result.status());
        if (!result.ok()) {
            entry.put("answer", result.body().length() > 300 ? result.body().substring(0, 300) : result.body());
        }
        return entry;
    }

    private static void require(final RetryingHttp.Result result, final String what) {
        if (!result.ok()) {
            throw new IllegalStateException("could not set up " + what + ": HTTP " + result.status() + " "
                    + result.body());
        }
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of this run's objects start with this. */
    public String runId() {
        return runId;
    }

    /** For the verdict: SKUs in the catalog. */
    public Map<String, Integer> counts() {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("skus", skus.size());
        counts.put("orders sent", orders.get());
        counts.put("orders accepted", accepted.size());
        counts.put("receipts sent", receipts.get());
        counts.put("adjustments sent", adjustments.get());
        counts.put("shipments sent", shipments.get());
        counts.put("purchase orders received by the suppliers", suppliers.received());
        counts.put("supplier answers sent", answers.get());
        return counts;
    }
}
