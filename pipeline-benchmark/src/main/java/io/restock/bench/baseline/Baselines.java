package io.restock.bench.baseline;

import io.restock.bench.Await;
import io.restock.bench.latency.LatencySummary;
import io.restock.bench.process.ProcessCpu;
import io.restock.demo.world.OpenLoop;
import io.restock.schemas.streams.StreamsDefaults;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The two baselines every pipeline figure is divided by, run on the same broker right after the pipeline, with
 * records of the size of the pipeline's order events:
 * <ol>
 *   <li><b>raw producer</b>: {@code records} records written as fast as one producer goes ({@code acks=all},
 *       idempotent, default batching) to {@value BaselineTopics#INPUT};</li>
 *   <li><b>exactly-once pass-through</b>: {@link PassThroughTopology} started on those records; records/s from
 *       RUNNING until all of them are visible to a {@code read_committed} consumer on
 *       {@value BaselineTopics#OUTPUT};</li>
 *   <li><b>latency</b>: records produced at the pipeline's rate on an {@link OpenLoop}; raw latency = visible on the
 *       input topic − record timestamp, pass-through latency = visible on the output topic − the same timestamp
 *       (Kafka Streams keeps it).</li>
 * </ol>
 * CPU per record counts this JVM (producer, and the pass-through's threads) plus the broker's process.
 */
public final class Baselines {

    /**
     * One baseline's figures.
     *
     * @param cpuMicrosPerRecord CPU of this JVM and the broker per record, in microseconds
     */
    public record Figures(long records, double recordsPerSecond, double cpuMicrosPerRecord, LatencySummary latency) {
    }

    /** Both baselines, the record size they used and the rate of the latency pass. */
    public record Result(int keyBytes, int valueBytes, double latencyRatePerSecond, Figures rawProducer,
                         Figures passThrough) {
    }

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final Path stateDir;
    private final Map<String, Long> brokerPids;
    private final PrintStream progress;

    /**
     * @param brokerPids the broker's process(es), whose CPU is counted with this JVM's (empty when not local)
     */
    public Baselines(final String bootstrapServers, final Path stateDir, final Map<String, Long> brokerPids,
                     final PrintStream progress) {
        this.bootstrapServers = bootstrapServers;
        this.stateDir = stateDir;
        this.brokerPids = Map.copyOf(brokerPids);
        this.progress = progress;
    }

    public Result run(final long records, final int keyBytes, final int valueBytes, final double ratePerSecond,
                      final Duration latencyDuration) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            recreateTopics(admin);
            try {
                return measure(records, keyBytes, valueBytes, ratePerSecond, latencyDuration);
            } finally {
                try {
                    deleteTopics(admin);
                    deleteGroup(admin);
                } catch (final Exception e) {
                    progress.println("  could not delete the baseline topics or group (left behind): " + e);
                }
            }
        }
    }

    private Result measure(final long records, final int keyBytes, final int valueBytes, final double ratePerSecond,
                           final Duration latencyDuration) throws Exception {
        final byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        progress.printf("Raw producer: %,d records of %d + %d bytes ...%n", records, keyBytes, valueBytes);
        final double rawCpuBefore = cpuSeconds();
        final long rawStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            final AtomicReference<Exception> failed = new AtomicReference<>();
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(BaselineTopics.INPUT, key(i, keyBytes), value), (m, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("the raw producer failed", failed.get());
            }
        }
        final double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        final double rawCpu = cpuSeconds() - rawCpuBefore;

        progress.printf("Exactly-once pass-through over them ...%n");
        final Properties props = StreamsDefaults.properties(BaselineTopics.APPLICATION_ID, bootstrapServers,
                stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(PassThroughTopology.build(), props);
             KafkaConsumer<byte[], byte[]> reader = consumer()) {
            final List<TopicPartition> output = partitions(reader, BaselineTopics.OUTPUT);
            final List<TopicPartition> input = partitions(reader, BaselineTopics.INPUT);
            reader.assign(output);
            streams.start();
            Await.until(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofMillis(20), WAIT,
                    "the pass-through to run");
            final double cpuBefore = cpuSeconds();
            final long start = System.nanoTime();
            Await.until(() -> committedEnd(reader, output) >= records, Duration.ofMillis(20), WAIT,
                    "the pass-through to copy every record");
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double cpu = cpuSeconds() - cpuBefore;

            progress.printf("Latency of both at %.0f records/s for %d s ...%n", ratePerSecond,
                    latencyDuration.toSeconds());
            final Histogram rawLatency = LatencySummary.newHistogram();
            final Histogram passLatency = LatencySummary.newHistogram();
            final List<TopicPartition> both = new ArrayList<>(input);
            both.addAll(output);
            reader.assign(both);
            reader.seekToEnd(both);
            both.forEach(reader::position);
            final OpenLoop loop = new OpenLoop(ratePerSecond, latencyDuration, 0);
            final AtomicLong sent = new AtomicLong();
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                final Thread driver = Thread.ofPlatform().name("bench-baseline-driver").start(() -> loop.run(() ->
                        producer.send(new ProducerRecord<>(BaselineTopics.INPUT,
                                key(records + sent.incrementAndGet(), keyBytes), value)), Runnable::run));
                long seenOutput = 0;
                final long deadline = System.nanoTime() + latencyDuration.plus(Duration.ofSeconds(60)).toNanos();
                while ((driver.isAlive() || seenOutput < sent.get()) && System.nanoTime() < deadline) {
                    final var polled = reader.poll(Duration.ofMillis(50));
                    final long now = System.currentTimeMillis();
                    for (final ConsumerRecord<byte[], byte[]> r : polled) {
                        if (BaselineTopics.OUTPUT.equals(r.topic())) {
                            seenOutput++;
                            LatencySummary.record(passLatency, now - r.timestamp());
                        } else {
                            LatencySummary.record(rawLatency, now - r.timestamp());
                        }
                    }
                }
                driver.join();
            }
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            return new Result(keyBytes, valueBytes, ratePerSecond,
                    new Figures(records, records / rawSeconds, rawCpu * 1e6 / records, LatencySummary.of(rawLatency)),
                    new Figures(records, records / seconds, cpu * 1e6 / records, LatencySummary.of(passLatency)));
        }
    }

    /** This JVM's CPU seconds plus the broker's. */
    private double cpuSeconds() {
        final double own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return own + ProcessCpu.snapshot(brokerPids).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** {@code n} in base 36, zero-padded to {@code keyBytes} ASCII bytes (distinct keys, spread over partitions). */
    static byte[] key(final long n, final int keyBytes) {
        final String digits = Long.toString(n, 36);
        return ("0".repeat(Math.max(0, keyBytes - digits.length())) + digits)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Sum of the last stable offsets (what read_committed consumers can read up to). */
    private static long committedEnd(final KafkaConsumer<?, ?> consumer, final List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }


    private void recreateTopics(final Admin admin) throws Exception {
        deleteTopics(admin);
        deleteGroup(admin);
        final List<NewTopic> topics = BaselineTopics.ALL.stream()
                .map(name -> new NewTopic(name, BaselineTopics.PARTITIONS, (short) 1)).toList();
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.createTopics(topics).all().get();
                awaitLeaders(admin);
                return;
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                // A deletion still in progress: try again shortly.
                LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /** Until every partition answers a list-offsets request (it has a leader that knows it is one). */
    private static void awaitLeaders(final Admin admin) {
        final Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new java.util.HashMap<>();
        BaselineTopics.ALL.forEach(topic -> {
            for (int p = 0; p < BaselineTopics.PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
        });
        Await.until(() -> {
            try {
                admin.listOffsets(request).all().get();
                return true;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (final ExecutionException e) {
                return false;
            }
        }, Duration.ofMillis(200), Duration.ofSeconds(60), "the baseline topics' leaders");
    }

    private static void deleteTopics(final Admin admin) throws Exception {
        try {
            admin.deleteTopics(BaselineTopics.ALL).all().get();
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    private static void deleteGroup(final Admin admin) throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(BaselineTopics.APPLICATION_ID)).all().get();
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException
                    || e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException)) {
                throw e;
            }
        }
    }
}
