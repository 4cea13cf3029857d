package io.restock.notifier.benchmark;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restock.events.CustomerNotificationSent;
import io.restock.events.NotificationChannel;
import io.restock.events.NotificationEvent;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.localkafka.LocalBroker;
import io.restock.localkafka.measure.Percentiles;
import io.restock.notifier.delivery.Channel;
import io.restock.notifier.delivery.EmailChannel;
import io.restock.notifier.delivery.OutboxSender;
import io.restock.notifier.delivery.SmtpSettings;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.MessageRenderer;
import io.restock.notifier.topology.NotifierTopics;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.webhook.RetryPolicy;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Measures the notifier's sender ({@link OutboxSender} with the real {@link EmailChannel}) on an in-process
 * Kafka broker against a real SMTP server (GreenMail) in this JVM, next to the two raw ceilings measured in
 * the same run: Kafka alone (read the outbox, write one record per input, transactions with the offsets) and
 * SMTP alone (the same rendered size of email, Jakarta Mail straight to GreenMail). A command, not a test:
 * see notifier/README.md ("Benchmark") for how to run it and the numbers.
 *
 * <ol>
 *   <li>Throughput: N requests are written to {@code notifier.outbox} first, then the sender starts;
 *       emails/s = N / (from the first email accepted by SMTP to the N-th {@code CustomerNotificationSent}
 *       visible to a read_committed consumer).</li>
 *   <li>Latency: M further requests written at a steady R/s; per request, request time (its
 *       {@code requestedAt}, set when it is written) to SMTP accepted (the sender's after-delivery hook,
 *       which runs when the SMTP server has answered the message's DATA) and to recorded (its
 *       {@code CustomerNotificationSent} visible).</li>
 * </ol>
 */
public final class NotifierSenderBenchmark {

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(20);

    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Path work;
    private String bootstrap;
    private EventSerdes serdes;
    private int smtpPort;

    private NotifierSenderBenchmark(final Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("notifier-benchmark-");
    }

    public static void main(final String[] args) throws Exception {
        final Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: NotifierSenderBenchmark [--emails N] [--latency-emails M] [--latency-rate R] "
                    + "[--batch-size B] [--messages-per-connection C] [--per-email true|false]");
            System.exit(2);
            return;
        }
        new NotifierSenderBenchmark(options).run();
        System.exit(0);
    }

    /** Command-line options. */
    record Options(int emails, int latencyEmails, double latencyRate, int batchSize, int messagesPerConnection,
                   boolean perEmail) {
        static Options parse(final List<String> args) {
            int emails = 2_000;
            int latencyEmails = 600;
            double latencyRate = 20;
            int batchSize = OutboxSender.DEFAULT_BATCH_SIZE;
            int messagesPerConnection = EmailChannel.DEFAULT_MESSAGES_PER_CONNECTION;
            boolean perEmail = true;
            for (int i = 0; i < args.size(); i += 2) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("missing value for " + args.get(i));
                }
                final String value = args.get(i + 1);
                switch (args.get(i)) {
                    case "--emails" -> emails = Integer.parseInt(value);
                    case "--latency-emails" -> latencyEmails = Integer.parseInt(value);
                    case "--latency-rate" -> latencyRate = Double.parseDouble(value);
                    case "--batch-size" -> batchSize = Integer.parseInt(value);
                    case "--messages-per-connection" -> messagesPerConnection = Integer.parseInt(value);
                    case "--per-email" -> perEmail = Boolean.parseBoolean(value);
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            return new Options(emails, latencyEmails, latencyRate, batchSize, messagesPerConnection, perEmail);
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "notifier-benchmark run %s: %,d emails (throughput), %,d at %.0f/s (latency); "
                        + "%d cores; load average before: %s%n", run, options.emails(), options.latencyEmails(),
                options.latencyRate(), Runtime.getRuntime().availableProcessors(), loadAverage());
        final GreenMail smtp;
        try (LocalBroker broker = LocalBroker.start(new LocalBroker.Settings(0, work.resolve("kafka"),
                Duration.ofSeconds(90)))) {
            bootstrap = broker.bootstrapServers();
            final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
            serdes = EventSerdes.registry(registry, true);
            final Duration timeout = Duration.ofSeconds(60);
            try (Admin admin = Admin.create(TopicProvisioner.adminProperties(bootstrap, timeout))) {
                new TopicProvisioner(admin, registry, timeout, bootstrap).provision(List.of(Topics.CUSTOMER_NOTIFICATIONS));
                NotifierTopics.create(admin, timeout);
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(rawTopic(), 6, (short) 1)))
                        .all().get();
            }
            smtpPort = ServiceUnderTest.freePort();
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                final List<String> lines = new ArrayList<>();
                lines.add(rawSmtp(false));
                lines.add(rawSmtp(true));
                final List<Result> senders = new ArrayList<>();
                if (options.perEmail()) {
                    senders.add(measureSender("per email: batch 1, a connection per email (before)", 1, 1));
                }
                senders.add(measureSender("batch " + options.batchSize() + ", " + options.messagesPerConnection()
                        + " emails per connection", options.batchSize(), options.messagesPerConnection()));
                senders.forEach(r -> lines.add(r.throughputLine()));
                lines.add(rawKafka(false));
                lines.add(rawKafka(true));
                System.out.println();
                System.out.println("throughput (emails or records per second):");
                lines.forEach(l -> System.out.println("  " + l));
                System.out.println("latency at " + options.latencyRate() + "/s (" + options.latencyEmails()
                        + " emails), ms:");
                senders.forEach(r -> System.out.println("  " + r.latencyLine()));
                System.out.printf(Locale.ROOT, "emails caught by GreenMail: %,d; load average after: %s%n",
                        smtp.getReceivedMessages().length, loadAverage());
            } finally {
                smtp.stop();
            }
        } finally {
            deleteQuietly(work);
        }
    }

    // ---- the sender

    private record Result(String name, int emails, double seconds, Percentiles toSmtp, Percentiles toRecorded,
                          int duplicates) {
        String throughputLine() {
            return String.format(Locale.ROOT, "%-52s %8.1f/s  (%d emails in %.1f s; %d duplicate deliveries)",
                    "OutboxSender, " + name, emails / seconds, emails, seconds, duplicates);
        }

        String latencyLine() {
            return String.format(Locale.ROOT, "%s: request -> SMTP accepted p50 %d p99 %d max %d; request -> recorded "
                            + "p50 %d p99 %d max %d (%d samples)", name, toSmtp.at(50), toSmtp.at(99), toSmtp.at(100),
                    toRecorded.at(50), toRecorded.at(99), toRecorded.at(100), toSmtp.count());
        }
    }

    private Result measureSender(final String name, final int batchSize, final int messagesPerConnection)
            throws Exception {
        final String prefix = "B" + batchSize + "C" + messagesPerConnection + "-";
        final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        final AtomicLong firstAccepted = new AtomicLong();
        final AtomicLong deliveries = new AtomicLong();
        final OutboxSender.AfterDelivery hook = request -> {
            final long now = System.currentTimeMillis();
            firstAccepted.compareAndSet(0, now);
            deliveries.incrementAndGet();
            acceptedAt.putIfAbsent(request.getNotificationId(), now);
        };
        final EmailChannel email = new EmailChannel(SmtpSettings.plain("127.0.0.1", smtpPort,
                "Restock Shop <no-reply@shop.example>"), messagesPerConnection);
        final Map<NotificationChannel, Channel> channels = Map.of(NotificationChannel.EMAIL, email);
        final OutboxSender sender = new OutboxSender(NotifierTopics.OUTBOX, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), "benchmark-" + run, serdes, channels,
                new MessageRenderer("https://shop.example/orders/{orderId}/cancel"), RetryPolicy.defaults(),
                Clock.systemUTC(), hook, "notifier-benchmark-" + run + "-" + prefix, batchSize);
        startAtTheEnd("notifier-benchmark-" + run + "-" + prefix + "-" + NotifierTopics.OUTBOX);
        final Thread thread = Thread.ofPlatform().name("notifier-benchmark-sender").start(sender);
        try (KafkaConsumer<String, NotificationEvent> audit = auditConsumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            final Map<String, Long> recordedAt = new HashMap<>();
            final List<String> load = new ArrayList<>();
            for (int i = 0; i < options.emails(); i++) {
                final NotificationRequested request = request(prefix + "T" + i, Instant.now());
                load.add(request.getNotificationId());
                producer.send(outbox(request));
            }
            producer.flush();
            awaitRecorded(audit, recordedAt, Set.copyOf(load));
            final long last = load.stream().mapToLong(recordedAt::get).max().orElseThrow();
            final double seconds = (last - firstAccepted.get()) / 1000.0;

            final long[] toSmtp = new long[options.latencyEmails()];
            final long[] toRecorded = new long[options.latencyEmails()];
            final Map<String, Long> requestedAt = new HashMap<>();
            final long interval = (long) (1e9 / options.latencyRate());
            final long start = System.nanoTime();
            for (int i = 0; i < options.latencyEmails(); i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                final Instant now = Instant.now();
                final NotificationRequested request = request(prefix + "L" + i, now);
                requestedAt.put(request.getNotificationId(), now.toEpochMilli());
                producer.send(outbox(request));
                pollAudit(audit, recordedAt, Duration.ZERO);
            }
            producer.flush();
            awaitRecorded(audit, recordedAt, requestedAt.keySet());
            int i = 0;
            for (final Map.Entry<String, Long> e : requestedAt.entrySet()) {
                toSmtp[i] = acceptedAt.get(e.getKey()) - e.getValue();
                toRecorded[i] = recordedAt.get(e.getKey()) - e.getValue();
                i++;
            }
            final int total = options.emails() + options.latencyEmails();
            return new Result(name, options.emails(), seconds, new Percentiles(toSmtp, toSmtp.length),
                    new Percentiles(toRecorded, toRecorded.length),
                    (int) (deliveries.get() - total));
        } finally {
            sender.stop();
            thread.join(10_000);
            sender.close();
            email.close();
        }
    }

    /** Commits the outbox's end offsets for the group, so its sender reads only what is written after. */
    private void startAtTheEnd(final String group) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(NotifierTopics.OUTBOX).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            final Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp, new OffsetAndMetadata(end)));
            consumer.commitSync(ends);
        }
    }

    private void awaitRecorded(final KafkaConsumer<String, NotificationEvent> audit, final Map<String, Long> recordedAt,
                               final Set<String> ids) {
        final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!recordedAt.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all emails recorded within " + PHASE_TIMEOUT);
            }
            pollAudit(audit, recordedAt, Duration.ofMillis(50));
        }
    }

    private static void pollAudit(final KafkaConsumer<String, NotificationEvent> audit,
                                  final Map<String, Long> recordedAt, final Duration wait) {
        for (final ConsumerRecord<String, NotificationEvent> r : audit.poll(wait)) {
            if (r.value().getEvent() instanceof CustomerNotificationSent sent) {
                recordedAt.putIfAbsent(sent.getNotificationId(), System.currentTimeMillis());
            }
        }
    }

    private NotificationRequested request(final String suffix, final Instant now) {
        final String orderId = "order-" + run + "-" + suffix;
        final Notice notice = Notice.newBuilder().setKind("BACKORDER_OPENED").setLineId("1").setSku("sku-1")
                .setQuantity(2).setDate(java.time.LocalDate.parse("2026-12-24")).setPreviousDate(null)
                .setCarrier(null).setTrackingNumber(null).setReason(null).setSubstitutes(new ArrayList<>())
                .setCauseEventIds(new ArrayList<>(List.of("ev-" + orderId))).setReceivedAt(0L).setDueAt(0L).build();
        return NotificationRequested.newBuilder().setNotificationId("n-" + run + "-" + suffix).setRequestedAt(now)
                .setOrderId(orderId).setShopId("demo-shop").setCustomerId("c-" + suffix).setLocale("en")
                .setChannel("EMAIL").setRecipient("customer-" + suffix + "@example.com").setKind("BACKORDER_OPENED")
                .setNotices(List.of(notice)).setCauseEventIds(List.of("ev-" + orderId)).build();
    }

    private static ProducerRecord<String, byte[]> outbox(final NotificationRequested request) {
        return new ProducerRecord<>(NotifierTopics.OUTBOX, null, request.getRequestedAt().toEpochMilli(),
                request.getOrderId(), NotifierTopics.outboxSerde().serialize(NotifierTopics.OUTBOX, request));
    }

    // ---- raw ceilings, same run

    /** Jakarta Mail straight to the SMTP server: a new connection per email, or one connection for all. */
    private String rawSmtp(final boolean oneConnection) throws Exception {
        final Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        final Session session = Session.getInstance(props);
        final int n = oneConnection ? options.emails() : Math.min(options.emails(), 300);
        final long start = System.nanoTime();
        Transport shared = null;
        if (oneConnection) {
            shared = session.getTransport("smtp");
            shared.connect();
        }
        try {
            for (int i = 0; i < n; i++) {
                final MimeMessage mime = new MimeMessage(session);
                mime.setFrom(new InternetAddress("no-reply@shop.example"));
                mime.setRecipients(jakarta.mail.Message.RecipientType.TO, "raw-" + i + "@example.com");
                mime.setSubject("Your order raw-" + i + ": on backorder", "UTF-8");
                mime.setText("2 x sku-1 is on backorder. We expect to deliver it on December 24, 2026.", "UTF-8");
                mime.saveChanges();
                if (shared == null) {
                    Transport.send(mime);
                } else {
                    shared.sendMessage(mime, mime.getAllRecipients());
                }
            }
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%-52s %8.1f/s  (%,d emails)", "raw SMTP, " + (oneConnection
                ? "one connection" : "a connection per email"), n / seconds, n);
    }

    /**
     * Kafka alone, the sender's shape without SMTP: read the outbox requests written above, write one record per
     * request, commit the offsets in the same transaction: per record, or per poll.
     */
    private String rawKafka(final boolean perPoll) {
        final String group = "notifier-benchmark-raw-" + run + (perPoll ? "-poll" : "-record");
        final Map<String, Object> consumerProps = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.batchSize()));
        final Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, group, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        final int n = perPoll ? options.emails() : Math.min(options.emails(), 300); // slow: a rate needs no more
        int done = 0;
        long start = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(NotifierTopics.OUTBOX));
            final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            while (done < n && System.nanoTime() < deadline) {
                final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.isEmpty()) {
                    continue;
                }
                if (start == 0) {
                    start = System.nanoTime();
                }
                final List<List<ConsumerRecord<String, byte[]>>> units = perPoll ? List.of(records)
                        : records.stream().map(List::of).toList();
                for (final List<ConsumerRecord<String, byte[]>> unit : units) {
                    producer.beginTransaction();
                    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    for (final ConsumerRecord<String, byte[]> r : unit) {
                        producer.send(new ProducerRecord<>(rawTopic(), r.key(), r.value()));
                        offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    done += unit.size();
                }
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%-52s %8.1f/s  (first %,d records of the outbox)",
                "raw Kafka, read + write + offsets, a transaction per " + (perPoll ? "poll (<= " + options.batchSize() + ")"
                        : "record"),
                done / seconds, done);
    }

    private String rawTopic() {
        return "notifier-benchmark.raw";
    }

    // ---- plumbing

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, NotificationEvent> auditConsumer() {
        final KafkaConsumer<String, NotificationEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), Topics.CUSTOMER_NOTIFICATIONS.valueSerde(serdes).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.CUSTOMER_NOTIFICATIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }


    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (final IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException ignored) {
            // a temp directory
        }
    }
}
