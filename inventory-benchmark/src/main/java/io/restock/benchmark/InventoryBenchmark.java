package io.restock.benchmark;

import io.restock.events.Customer;
import io.restock.events.CustomerTier;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.SupplierOffer;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.config.InventoryStreamsConfig;
import io.restock.inventory.topology.InventoryTopology;
import io.restock.localkafka.LocalBroker;
import io.restock.localkafka.measure.Percentiles;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.registry.SchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Measures inventory-stream's real topology ({@link InventoryTopology}, exactly_once_v2, the service's
 * {@link InventoryStreamsConfig}) against a plain exactly-once pass-through (read
 * {@code orders.order-events}, {@code mapValues}, write) on the same data, broker and JVM, and prints
 * both side by side. See inventory-benchmark/README.md for the command and how to read the numbers.
 *
 * <ol>
 *   <li>Catalogue: one policy, one supplier offer and one receipt per SKU; the allocation application
 *       applies them and stops (so the measured pass holds order lines only).</li>
 *   <li>Throughput: the N lines (orders of 1-3 lines) are written first, then each application starts
 *       and works through them; lines/s = lines / (from RUNNING to the last decision visible to a
 *       read_committed consumer).</li>
 *   <li>Latency: then orders are produced at a steady rate; decision latency = time the first event of a
 *       line is visible to a read_committed consumer minus the order record's timestamp (its send time;
 *       Kafka Streams carries it to the outputs).</li>
 * </ol>
 */
public final class InventoryBenchmark {

    /** Private to the benchmark: the pass-through's output. */
    static final String PASS_THROUGH_TOPIC = "inventory-benchmark.pass-through";
    private static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.LINE_EVENTS,
            Topics.STOCK_MOVEMENTS, Topics.STOCK_LEVELS, Topics.STOCK_SHORTFALLS, Topics.SHIPMENT_REQUESTS,
            Topics.SKU_POLICIES, Topics.SUPPLIER_OFFERS, Topics.SKU_SUPPLY);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);

    private final BenchmarkOptions options;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Path work;
    private String bootstrap;
    private EventSerdes serdes;
    private SchemaRegistryClient registry;
    private Deserializer<LineEvent> lineEvents;
    private Deserializer<OrderEvent> orderEvents;

    private InventoryBenchmark(final BenchmarkOptions options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("inventory-benchmark-");
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(List.of(args));
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new InventoryBenchmark(options).run();
    }

    /** The orders of one latency pass and the rate they are produced at. */
    private record Paced(int rate, Workload workload) {
        /** Lines per second offered: orders/s times the workload's lines per order. */
        double linesPerSecond() {
            return rate * (double) workload.lines / workload.orders;
        }

        /** The prefix of this pass's order ids for a topology's {@code base} ({@code L<run>}, {@code P<run>}, ...). */
        static String prefix(final String base, final int pass) {
            return base + "-" + pass + "-";
        }
    }

    /** The decision latency of one latency pass and the application's CPU per line over it. */
    private record Latency(Paced paced, Percentiles percentiles, long streamCpuNanos) {
        double streamCpuMicrosPerLine() {
            return streamCpuNanos / 1e3 / paced.workload().lines;
        }
    }

    /** What one topology did. */
    private record Result(String name, int lines, int orders, double seconds, List<Latency> latency, long heapBytes,
                          long streamCpuNanos, long processCpuNanos) {
        double linesPerSecond() {
            return lines / seconds;
        }

        double streamCpuMicrosPerLine() {
            return streamCpuNanos / 1e3 / lines;
        }

        double processCpuMicrosPerLine() {
            return processCpuNanos / 1e3 / lines;
        }
    }

    /** CPU time so far of the live threads of one Kafka Streams application (stream, global, producer threads). */
    private static long applicationCpuNanos(final String applicationId) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                final long cpu = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    /** CPU time so far of this whole JVM (with --embedded: the broker too). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void run() throws Exception {
        LocalBroker broker = null;
        try {
            if (options.embedded()) {
                broker = LocalBroker.start(new LocalBroker.Settings(0, work.resolve("kafka"), Duration.ofSeconds(90)));
                bootstrap = broker.bootstrapServers();
                registry = new InMemorySchemaRegistryClient();
            } else {
                bootstrap = options.bootstrap();
                registry = new HttpSchemaRegistryClient(options.registryUrl());
            }
            serdes = EventSerdes.registry(registry, false);
            lineEvents = Topics.LINE_EVENTS.valueSerde(serdes).deserializer();
            orderEvents = Topics.ORDER_EVENTS.valueSerde(serdes).deserializer();
            provision();

            final Workload load = Workload.generate(options.seed(), options.lines(), options.skus(), options.inStockShare());
            final List<Paced> paced = new ArrayList<>();
            for (int pass = 0; pass < options.latencyRates().size(); pass++) {
                paced.add(new Paced(options.latencyRates().get(pass), Workload.generate(options.seed() + 1 + pass,
                        Math.max(1, options.latencyOrders() * 2), options.skus(), 0)));
            }
            System.out.printf(Locale.ROOT, "inventory-benchmark run %s: %,d lines in %,d orders over %,d SKUs; "
                            + "%,d lines (%.0f%%) covered by the initial stock, the rest short%n", run, load.lines,
                    load.orders, load.skus, load.linesInStock, 100.0 * load.linesInStock / load.lines);
            System.out.printf(Locale.ROOT, "commit.interval.ms %d (both topologies), exactly_once_v2%n",
                    options.commitIntervalMs());
            System.out.printf(Locale.ROOT, "broker %s (%s), registry %s, %d cores, max heap %d MB%n", bootstrap,
                    options.embedded() ? "in-process" : "external", options.embedded() ? "in-JVM" : options.registryUrl(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            final String allocationId = "inventory-benchmark-allocation-" + run;
            final int receipts = loadCatalogue(load);

            final Result allocation = measure("allocation", allocationId, allocationTopology(), Topics.LINE_EVENTS.name(),
                    this::lineEventDecisions, load, paced, "T" + run + "-", "L" + run, List.of(), receipts);
            final Result passThrough = measure("pass-through", "inventory-benchmark-pass-through-" + run,
                    passThroughTopology(), PASS_THROUGH_TOPIC, this::passThroughDecisions, load, paced,
                    "T" + run + "-", "P" + run,
                    options.latencyOrders() > 0 ? List.of("L" + run) : List.of(), -1);
            final Result shape = measure("issue's shape", "inventory-benchmark-shape-" + run,
                    ShapeTopology.build(serdes), ShapeTopology.OUTPUT_TOPIC, this::lineEventDecisions, load, paced,
                    "T" + run + "-", "S" + run,
                    options.latencyOrders() > 0 ? List.of("L" + run, "P" + run) : List.of(), -1);
            print(allocation, passThrough, shape);
        } finally {
            if (broker != null) {
                broker.close();
            }
            deleteQuietly(work);
        }
    }

    // ---- setup

    private void provision() throws Exception {
        final Duration timeout = Duration.ofSeconds(60);
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(bootstrap, timeout))) {
            new TopicProvisioner(admin, registry, timeout, bootstrap).provision(TOPICS);
            try {
                admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, 6, (short) 1),
                        new NewTopic(ShapeTopology.OUTPUT_TOPIC, 6, (short) 1))).all().get();
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            final var partitions = admin.describeTopics(List.of(Topics.ORDER_EVENTS.name())).allTopicNames().get()
                    .get(Topics.ORDER_EVENTS.name()).partitions();
            final Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            partitions.forEach(p -> ends.put(new TopicPartition(Topics.ORDER_EVENTS.name(), p.partition()), OffsetSpec.latest()));
            final long existing = admin.listOffsets(ends).all().get().values().stream()
                    .mapToLong(r -> r.offset()).sum();
            if (existing > 0) {
                System.out.printf(Locale.ROOT, "WARNING: %s already holds %,d records; both topologies read them "
                        + "too (from the earliest offset), which lowers the measured rates. Use --embedded or a fresh broker.%n",
                        Topics.ORDER_EVENTS.name(), existing);
            }
        }
        registry.register(PASS_THROUGH_TOPIC + "-value", OrderEvent.getClassSchema());
        registry.register(ShapeTopology.OUTPUT_TOPIC + "-value", LineEvent.getClassSchema());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 131072),
                new StringSerializer(), new ByteArraySerializer());
    }

    private String sku(final int index) {
        return "bench-" + run + "-" + index;
    }

    /** Policies, offers and receipts for every SKU; the allocation application applies them, then stops. */
    private int loadCatalogue(final Workload load) {
        final Instant now = Instant.now();
        int withStock = 0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            final Serializer<SkuPolicy> policies = Topics.SKU_POLICIES.valueSerde(serdes).serializer();
            final Serializer<SupplierOffer> offers = Topics.SUPPLIER_OFFERS.valueSerde(serdes).serializer();
            final Serializer<StockMovement> movements = Topics.STOCK_MOVEMENTS.valueSerde(serdes).serializer();
            for (int s = 0; s < load.skus; s++) {
                final String sku = sku(s);
                // 1 SKU in 20 is not backorderable (its short lines are rejected); half have a reorder point.
                final boolean reorders = s % 2 == 0;
                producer.send(new ProducerRecord<>(Topics.SKU_POLICIES.name(), sku, policies.serialize(
                        Topics.SKU_POLICIES.name(), SkuPolicy.newBuilder().setEventId("p-" + sku).setOccurredAt(now)
                                .setSku(sku).setDescription(null).setBackorderable(s % 20 != 19).setMaxWaitDays(30)
                                .setReorderPoint(reorders ? 2 : 0).setSafetyStock(0).setTargetLevel(reorders ? 20 : 0)
                                .setHandlingDays(1).setSubstitutes(List.of(sku((s + 1) % load.skus)))
                                .setDropShipAllowed(false).build())));
                producer.send(new ProducerRecord<>(Topics.SUPPLIER_OFFERS.name(), Topics.offerKey("acme", sku),
                        offers.serialize(Topics.SUPPLIER_OFFERS.name(), new SupplierOffer("so-" + sku, now, "acme", sku,
                                2 + s % 9, new BigDecimal("2.5000"), "EUR", 1, 1, false, 0.95, true))));
                if (load.initialStock[s] > 0) {
                    withStock++;
                    producer.send(new ProducerRecord<>(Topics.STOCK_MOVEMENTS.name(), sku, movements.serialize(
                            Topics.STOCK_MOVEMENTS.name(), new StockMovement(new StockReceived("r-" + sku, now,
                                    "r-" + sku, "wh-1", sku, load.initialStock[s], null, null)))));
                }
            }
            producer.flush();
        }
        return withStock;
    }

    /** Waits until the running allocation application has applied every receipt (a StockLevel with stock). */
    private void awaitCatalogue(final int expected) throws InterruptedException {
        final Set<String> stocked = new HashSet<>();
        final Deserializer<StockLevel> levels = Topics.STOCK_LEVELS.valueSerde(serdes).deserializer();
        final String prefix = "bench-" + run + "-";
        final Object done = new Object();
        final LineWatcher.Extractor extractor = (record, seenAt, batches) -> {
            if (record.key() != null && record.key().startsWith(prefix)
                    && levels.deserialize(record.topic(), record.value()).getOnHand() > 0) {
                synchronized (done) {
                    stocked.add(record.key());
                    done.notifyAll();
                }
            }
        };
        final long started = System.nanoTime();
        try (LineWatcher watcher = new LineWatcher(bootstrap, Topics.STOCK_LEVELS.name(), extractor, List.of(), true)) {
            synchronized (done) {
                final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
                while (stocked.size() < expected && System.nanoTime() < deadline) {
                    done.wait(1000);
                }
            }
        }
        System.out.printf(Locale.ROOT, "catalogue: %,d receipts applied in %.1f s%n", stocked.size(),
                (System.nanoTime() - started) / 1e9);
        if (stocked.size() < expected) {
            throw new IllegalStateException("only " + stocked.size() + " of " + expected + " receipts applied");
        }
    }

    private OrderEvent order(final Workload load, final String prefix, final int o, final Instant placedAt) {
        final List<OrderLine> lines = new ArrayList<>(3);
        for (int l = load.orderStart[o]; l < load.orderStart[o + 1]; l++) {
            lines.add(new OrderLine(Integer.toString(l - load.orderStart[o] + 1), sku(load.lineSku[l]),
                    (int) load.lineQuantity[l], new BigDecimal("9.9900")));
        }
        final String orderId = prefix + o;
        return new OrderEvent(OrderPlaced.newBuilder().setEventId("e-" + orderId).setOccurredAt(placedAt)
                .setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + (o % 5000)).setEmail(null)
                        .setTier(CustomerTier.values()[o % CustomerTier.values().length]).build())
                .setPlacedAt(placedAt).setShippingPolicy(ShippingPolicy.PARTIAL).setMaxWaitDays(null)
                .setCurrency("EUR").setLines(lines).build());
    }

    /** Writes every order of {@code load} as fast as the producer goes; returns lines/s. */
    private double produceOrders(final Workload load, final String prefix) {
        final Serializer<OrderEvent> serializer = Topics.ORDER_EVENTS.valueSerde(serdes).serializer();
        final long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int o = 0; o < load.orders; o++) {
                final String orderId = prefix + o;
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
                        serializer.serialize(Topics.ORDER_EVENTS.name(), order(load, prefix, o, Instant.now()))));
            }
            producer.flush();
        }
        return load.lines / ((System.nanoTime() - started) / 1e9);
    }

    /** Orders at {@code --latency-rate} per second, each stamped with its send time. */
    private void produceOrdersPaced(final Workload load, final String prefix, final int rate) {
        final Serializer<OrderEvent> serializer = Topics.ORDER_EVENTS.valueSerde(serdes).serializer();
        final long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
            final long start = System.nanoTime();
            for (int o = 0; o < load.orders; o++) {
                final long due = start + o * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                final String orderId = prefix + o;
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId,
                        serializer.serialize(Topics.ORDER_EVENTS.name(), order(load, prefix, o, Instant.now()))));
            }
            producer.flush();
        }
    }

    // ---- the two topologies

    private Topology allocationTopology() {
        final StreamsBuilder builder = new StreamsBuilder();
        InventoryTopology.define(builder, serdes, InventorySettings.defaults());
        return builder.build();
    }

    private Topology passThroughTopology() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes).withName("read-order-events"))
                .mapValues(order -> order, Named.as("pass-through"))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.String(), Topics.ORDER_EVENTS.valueSerde(serdes))
                        .withName("write-pass-through"));
        return builder.build();
    }

    private Properties streamsProperties(final String applicationId) {
        final Properties props = InventoryStreamsConfig.properties(bootstrap, work.resolve("state").toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 33554432L);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitIntervalMs());
        return props;
    }

    // ---- records written

    /** The sum of the end offsets of every topic's partitions, internal topics included, by topic. */
    private Map<String, Long> endOffsets() throws Exception {
        final Duration timeout = Duration.ofSeconds(60);
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(bootstrap, timeout))) {
            final Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            final Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(names).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            final Map<String, Long> byTopic = new java.util.TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) ->
                    byTopic.merge(partition.topic(), info.offset(), Long::sum));
            return byTopic;
        }
    }

    /**
     * Prints the records (and, under exactly-once, transaction markers: one per partition per commit)
     * written per line during the throughput pass, per topic, so the cost of a topology's shape is visible.
     */
    private static void printRecordsWritten(final String name, final Map<String, Long> before,
                                            final Map<String, Long> after, final int lines) {
        final Map<String, Double> perLine = new java.util.TreeMap<>();
        after.forEach((topic, end) -> {
            final long written = end - before.getOrDefault(topic, 0L);
            if (written > 0 && !topic.equals(Topics.ORDER_EVENTS.name())) {
                perLine.put(topic, (double) written / lines);
            }
        });
        final StringBuilder detail = new StringBuilder();
        perLine.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> detail.append(String.format(Locale.ROOT, "%n    %-72s %6.2f", e.getKey(), e.getValue())));
        System.out.printf(Locale.ROOT, "%s: records and transaction markers written per line (orders excluded): "
                + "%.2f%s%n", name, perLine.values().stream().mapToDouble(Double::doubleValue).sum(), detail);
    }

    // ---- what counts as a decided line

    private void lineEventDecisions(final ConsumerRecord<String, byte[]> record, final long seenAt,
                                    final List<LineWatcher.Batch> batches) {
        final Object event = lineEvents.deserialize(record.topic(), record.value()).getEvent();
        final String orderId;
        final String lineId;
        switch (event) {
            case LineAllocated a -> {
                orderId = a.getOrderId();
                lineId = a.getLineId();
            }
            case LineBackordered b -> {
                orderId = b.getOrderId();
                lineId = b.getLineId();
            }
            case LineRejected r -> {
                orderId = r.getOrderId();
                lineId = r.getLineId();
            }
            default -> {
                return;
            }
        }
        for (final LineWatcher.Batch batch : batches) {
            if (batch.decide(orderId, Integer.parseInt(lineId), record.timestamp(), seenAt)) {
                return;
            }
        }
    }

    private void passThroughDecisions(final ConsumerRecord<String, byte[]> record, final long seenAt,
                                      final List<LineWatcher.Batch> batches) {
        final OrderEvent order = orderEvents.deserialize(record.topic(), record.value());
        if (order.getEvent() instanceof OrderPlaced placed) {
            for (final LineWatcher.Batch batch : batches) {
                boolean ours = false;
                for (final OrderLine line : placed.getLines()) {
                    ours |= batch.decide(placed.getOrderId(), Integer.parseInt(line.getLineId()), record.timestamp(), seenAt);
                }
                if (ours) {
                    return;
                }
            }
        }
    }

    /**
     * Runs one topology: the preloaded lines (throughput), then paced orders at each rate in turn (latency).
     * Lines of earlier topologies' latency passes (order ids {@link Paced#prefix} of {@code alsoPreloaded}) are in
     * the topic too and are counted in the throughput pass.
     */
    private Result measure(final String name, final String applicationId, final Topology topology, final String output,
                           final LineWatcher.Extractor extractor, final Workload load, final List<Paced> paced,
                           final String loadPrefix, final String pacedBase, final List<String> alsoPreloaded,
                           final int catalogueReceipts) throws Exception {
        final LineWatcher.Batch throughput = new LineWatcher.Batch(loadPrefix, load);
        final List<LineWatcher.Batch> earlier = new ArrayList<>();
        for (final String base : alsoPreloaded) {
            for (int pass = 0; pass < paced.size(); pass++) {
                earlier.add(new LineWatcher.Batch(Paced.prefix(base, pass), paced.get(pass).workload()));
            }
        }
        final List<LineWatcher.Batch> latency = new ArrayList<>();
        for (int pass = 0; pass < paced.size(); pass++) {
            latency.add(new LineWatcher.Batch(Paced.prefix(pacedBase, pass), paced.get(pass).workload()));
        }
        final List<LineWatcher.Batch> batches = Stream.of(List.of(throughput), latency, earlier)
                .flatMap(List::stream).toList();
        final AtomicLong runningAt = new AtomicLong(-1);
        System.out.printf(Locale.ROOT, "%s: starting (%s)%n", name, applicationId);
        try (LineWatcher watcher = new LineWatcher(bootstrap, output, extractor, batches);
             KafkaStreams streams = new KafkaStreams(topology, streamsProperties(applicationId))) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    runningAt.compareAndSet(-1, System.currentTimeMillis());
                }
            });
            streams.start();
            final long startAt;
            long streamCpuAtStart = applicationCpuNanos(applicationId);
            long processCpuAtStart = processCpuNanos();
            Map<String, Long> offsetsAtStart = endOffsets();
            if (catalogueReceipts >= 0) {
                // The allocation run: the catalogue first, then the orders are written while it runs (the
                // producer is faster than the topology); the clock starts at the first order written.
                awaitCatalogue(catalogueReceipts);
                offsetsAtStart = endOffsets();
                streamCpuAtStart = applicationCpuNanos(applicationId);
                processCpuAtStart = processCpuNanos();
                startAt = System.currentTimeMillis();
                final double producerRate = produceOrders(load, loadPrefix);
                System.out.printf(Locale.ROOT, "raw producer (acks=all, idempotent, batched): %,.0f lines/s "
                        + "while writing the orders, next to the running topology%n", producerRate);
            } else {
                startAt = -1;
            }
            if (!throughput.awaitAll(PHASE_TIMEOUT)) {
                throw new IllegalStateException(name + ": only " + throughput.count() + " of " + throughput.total
                        + " lines decided in " + PHASE_TIMEOUT);
            }
            for (final LineWatcher.Batch e : earlier) {
                e.awaitAll(PHASE_TIMEOUT);
            }
            final long streamCpu = applicationCpuNanos(applicationId) - streamCpuAtStart;
            final long processCpu = processCpuNanos() - processCpuAtStart;
            final Map<String, Long> offsetsAtEnd = endOffsets();
            final long last = Stream.concat(Stream.of(throughput), earlier.stream())
                    .mapToLong(LineWatcher.Batch::lastAt).max().orElseThrow();
            final int lines = throughput.total + earlier.stream().mapToInt(b -> b.total).sum();
            final int orders = load.orders + alsoPreloaded.size() * paced.stream().mapToInt(p -> p.workload().orders).sum();
            final double seconds = (last - (startAt >= 0 ? startAt : runningAt.get())) / 1000.0;
            System.out.printf(Locale.ROOT, "%s: %,d lines in %.1f s = %,.0f lines/s%n", name, lines, seconds,
                    lines / seconds);
            printRecordsWritten(name, offsetsAtStart, offsetsAtEnd, lines);
            final List<Latency> latencies = new ArrayList<>();
            if (options.latencyOrders() > 0) {
                for (int pass = 0; pass < paced.size(); pass++) {
                    final Paced p = paced.get(pass);
                    System.out.printf(Locale.ROOT, "%s: latency pass %d: %,d orders (%,d lines) at %,d orders/s "
                            + "(~%,.0f lines/s)%n", name, pass + 1, p.workload().orders, p.workload().lines, p.rate(),
                            p.linesPerSecond());
                    final long cpuBefore = applicationCpuNanos(applicationId);
                    produceOrdersPaced(p.workload(), Paced.prefix(pacedBase, pass), p.rate());
                    if (!latency.get(pass).awaitAll(PHASE_TIMEOUT)) {
                        throw new IllegalStateException(name + ": latency lines not all decided");
                    }
                    latencies.add(new Latency(p, latency.get(pass).latencies(),
                            applicationCpuNanos(applicationId) - cpuBefore));
                }
            }
            final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            streams.close(Duration.ofSeconds(60));
            return new Result(name, lines, orders, seconds, latencies, heap, streamCpu, processCpu);
        }
    }

    private void print(final Result allocation, final Result passThrough, final Result shape) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %18s %18s %8s %18s %8s%n", "", "allocation", "pass-through", "ratio",
                "issue's shape", "ratio");
        System.out.printf(Locale.ROOT, "%-34s %18s %18s %8.2f %18s %8.2f%n", "throughput, lines/s",
                String.format(Locale.ROOT, "%,.0f", allocation.linesPerSecond()),
                String.format(Locale.ROOT, "%,.0f", passThrough.linesPerSecond()),
                allocation.linesPerSecond() / passThrough.linesPerSecond(),
                String.format(Locale.ROOT, "%,.0f", shape.linesPerSecond()),
                shape.linesPerSecond() / passThrough.linesPerSecond());
        System.out.printf(Locale.ROOT, "%-34s %18s %18s %8s %18s%n", "  (lines, seconds)",
                String.format(Locale.ROOT, "%,d / %.1f s", allocation.lines(), allocation.seconds()),
                String.format(Locale.ROOT, "%,d / %.1f s", passThrough.lines(), passThrough.seconds()), "",
                String.format(Locale.ROOT, "%,d / %.1f s", shape.lines(), shape.seconds()));
        for (int pass = 0; pass < allocation.latency().size(); pass++) {
            final Latency a = allocation.latency().get(pass);
            final Latency t = passThrough.latency().get(pass);
            final Latency h = shape.latency().get(pass);
            System.out.printf(Locale.ROOT, "decision latency at %,d orders/s (~%,.0f lines/s offered, %,d lines; "
                            + "last column: allocation / shape):%n",
                    a.paced().rate(), a.paced().linesPerSecond(), a.percentiles().count());
            for (final double p : new double[] {50, 99, 99.9}) {
                System.out.printf(Locale.ROOT, "%-34s %18d %18d %8s %18d %8.2f%n",
                        "  p" + (p == 99.9 ? "99.9" : String.valueOf((int) p)) + ", ms",
                        a.percentiles().at(p), t.percentiles().at(p), "", h.percentiles().at(p),
                        (double) a.percentiles().at(p) / Math.max(1, h.percentiles().at(p)));
            }
            System.out.printf(Locale.ROOT, "%-34s %18.1f %18.1f %8s %18.1f %8.2f%n", "  CPU of the app's threads, us/line",
                    a.streamCpuMicrosPerLine(), t.streamCpuMicrosPerLine(), "", h.streamCpuMicrosPerLine(),
                    a.streamCpuMicrosPerLine() / h.streamCpuMicrosPerLine());
        }
        System.out.printf(Locale.ROOT, "%-34s %18.1f %18.1f %8.2f %18.1f %8.2f%n", "CPU of the app's threads, us/line",
                allocation.streamCpuMicrosPerLine(), passThrough.streamCpuMicrosPerLine(),
                allocation.streamCpuMicrosPerLine() / passThrough.streamCpuMicrosPerLine(),
                shape.streamCpuMicrosPerLine(), shape.streamCpuMicrosPerLine() / passThrough.streamCpuMicrosPerLine());
        System.out.printf(Locale.ROOT, "%-34s %18.1f %18.1f %8.2f %18.1f %8.2f%n", "CPU of the whole JVM, us/line",
                allocation.processCpuMicrosPerLine(), passThrough.processCpuMicrosPerLine(),
                allocation.processCpuMicrosPerLine() / passThrough.processCpuMicrosPerLine(),
                shape.processCpuMicrosPerLine(), shape.processCpuMicrosPerLine() / passThrough.processCpuMicrosPerLine());
        System.out.printf(Locale.ROOT, "%-34s %18d %18d %8s %18d%n", "JVM heap used at the end, MB",
                allocation.heapBytes() >> 20, passThrough.heapBytes() >> 20, "", shape.heapBytes() >> 20);
        final double ratio = allocation.linesPerSecond() / shape.linesPerSecond();
        System.out.printf(Locale.ROOT, "goal (issue 16) throughput, allocation >= 0.5 x the issue's shape: %.2f x, %s "
                        + "(app CPU %.1f vs %.1f us/line)%n", ratio, ratio >= 0.5 ? "met" : "NOT met",
                allocation.streamCpuMicrosPerLine(), shape.streamCpuMicrosPerLine());
        for (int pass = 0; pass < allocation.latency().size(); pass++) {
            final Latency a = allocation.latency().get(pass);
            final Latency h = shape.latency().get(pass);
            final double p99 = (double) a.percentiles().at(99) / Math.max(1, h.percentiles().at(99));
            System.out.printf(Locale.ROOT, "goal (issue 16) latency at %,d orders/s (~%,.0f lines/s), allocation p99 <= 1.5 x "
                            + "the shape's: %d vs %d ms = %.2f x, %s (app CPU %.1f vs %.1f us/line)%n", a.paced().rate(),
                    a.paced().linesPerSecond(), a.percentiles().at(99), h.percentiles().at(99), p99,
                    p99 <= 1.5 ? "met" : "NOT met", a.streamCpuMicrosPerLine(), h.streamCpuMicrosPerLine());
        }
        System.out.printf(Locale.ROOT, "issue's shape without allocation logic (a ceiling for this design): %.2f x pass-through%n",
                shape.linesPerSecond() / passThrough.linesPerSecond());
    }

    private static void deleteQuietly(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            // a temp directory: the OS cleans it up
        }
    }
}
