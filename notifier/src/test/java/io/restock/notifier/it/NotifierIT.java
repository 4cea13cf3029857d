package io.restock.notifier.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.restock.events.BackorderAllocated;
import io.restock.events.Customer;
import io.restock.events.CustomerNotificationSent;
import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.DateChangeReason;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineBackordered;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.NotificationChannel;
import io.restock.events.NotificationEvent;
import io.restock.events.OrderEvent;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.RejectionReason;
import io.restock.events.StockMovement;
import io.restock.events.StockShipped;
import io.restock.events.Substitute;
import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.delivery.Channel;
import io.restock.notifier.delivery.EmailChannel;
import io.restock.notifier.delivery.OutboxSender;
import io.restock.notifier.delivery.SmtpSettings;
import io.restock.notifier.delivery.WebhookChannel;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.MessageRenderer;
import io.restock.notifier.service.CustomerPreferenceConfig;
import io.restock.notifier.service.ShopWebhookConfig;
import io.restock.notifier.topology.NotifierStreamsConfig;
import io.restock.notifier.topology.NotifierTopics;
import io.restock.notifier.topology.NotifierTopology;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.provisioning.TopicProvisioner;
import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import io.restock.service.webhook.RetryPolicy;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier on a real broker and registry, with a real SMTP server (GreenMail) and a webhook
 * receiver that checks signatures with its own verifier.
 */
@RestockKafka
class NotifierIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SECRET = "shop-secret";
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private KafkaEnvironment kafka;
    private EventSerdes serdes;
    private String run;

    @BeforeEach
    void provision(final KafkaEnvironment kafka) {
        this.kafka = kafka;
        this.run = UUID.randomUUID().toString().substring(0, 8);
        final Duration timeout = Duration.ofSeconds(30);
        final var registry = new HttpSchemaRegistryClient(kafka.schemaRegistryUrl());
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(kafka.bootstrapServers(), timeout))) {
            new TopicProvisioner(admin, registry, timeout, kafka.bootstrapServers()).provision(List.of(
                    Topics.ORDER_EVENTS, Topics.LINE_EVENTS, Topics.STOCK_MOVEMENTS, Topics.DELIVERY_DATES,
                    Topics.SHIPMENT_REQUESTS, Topics.CUSTOMER_NOTIFICATIONS));
            NotifierTopics.create(admin, timeout);
        }
        serdes = EventSerdes.registry(registry, false);
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        for (final AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (final Exception e) {
                // already stopped (the crash test's first sender)
            }
        }
    }

    @Test
    void theServiceStartsItsDecisionsAndSendersTellsABackorderAndReportsBothHealthy(@TempDir final Path stateDir)
            throws Exception {
        final ServiceUnderTest service = ServiceUnderTest.start("notifier", kafka, Map.of(
                "notifier.instance-id", "notifier-it-" + run,
                "notifier.streams.state-dir", stateDir.toString(),
                "notifier.email.host", "127.0.0.1",
                "notifier.email.port", ServerSetupTest.SMTP.getPort(),
                "notifier.customers.c-bound.channel", "WEBHOOK",
                "notifier.customers.c-bound.opt-out", "true",
                "notifier.customers.c-default.channel", "EMAIL",
                "notifier.shops.shop-bound.webhook-url", "http://127.0.0.1:1/hook",
                "notifier.shops.shop-bound.signing-secret", "bound-secret"));
        closeables.add(service);
        assertThat(service.context().getBeansOfType(CustomerPreferenceConfig.class)).contains(
                new CustomerPreferenceConfig("c-bound", NotificationChannel.WEBHOOK, true),
                new CustomerPreferenceConfig("c-default", NotificationChannel.EMAIL, false));
        assertThat(service.context().getBeansOfType(ShopWebhookConfig.class))
                .contains(new ShopWebhookConfig("shop-bound", "http://127.0.0.1:1/hook", "bound-secret"));
        final String order = "svc-" + run;
        place(order, "cleo-" + run + "@example.com", "en");
        lineEvent(order, new LineBackordered("bo1-" + order, Instant.now(), order, "1", "sku-1", 2, 3, 1, DAY,
                Instant.now(), null, null, null, false));

        assertThat(awaitEmail("cleo-" + run, 1).getSubject()).isEqualTo("Your order " + order + ": on backorder");
        await().atMost(WAIT).untilAsserted(() -> {
            final String body = service.get("/health").body();
            final var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            assertThat(health.path("status").asText()).as(body).isEqualTo("UP");
            assertThat(health.path("details").path("notifier-streams").path("details").path("state").asText())
                    .as(body).isEqualTo("RUNNING");
            assertThat(health.path("details").path("notifier-senders").path("details").path("senders").asText())
                    .as(body).isEqualTo("RUNNING");
        });
    }

    @Test
    void eachKindOfEventBecomesItsEmailInEnglishAndInGerman(@TempDir final Path stateDir) throws Exception {
        startDecisions(stateDir);
        startSender(NotifierTopics.OUTBOX, smtp(), RetryPolicy.defaults(), r -> { });
        final String en = "en-" + run;
        final String de = "de-" + run;
        place(en, "ann-" + run + "@example.com", "en");
        place(de, "bert-" + run + "@example.com", "de-DE");

        lineEvent(en, new LineBackordered("bo1-" + en, Instant.now(), en, "1", "sku-1", 2, 3, 1, DAY, Instant.now(), null, null, null, false));
        lineEvent(de, new LineBackordered("bo1-" + de, Instant.now(), de, "1", "sku-1", 2, 3, 1, DAY, Instant.now(), null, null, null, false));
        final MimeMessage enFirst = awaitEmail("ann-" + run, 1);
        final MimeMessage deFirst = awaitEmail("bert-" + run, 1);
        assertThat(enFirst.getSubject()).isEqualTo("Your order " + en + ": on backorder");
        assertThat(text(enFirst)).isEqualTo("""
                Hello,

                here is news about your order %s.

                2 x sku-1 is on backorder. We expect to deliver it on November 24, 2026.
                If you would rather not wait, you can cancel it here: https://shop.example/orders/%s/cancel

                Kind regards,
                Your shop
                """.formatted(en, en));
        assertThat(deFirst.getSubject()).isEqualTo("Ihre Bestellung " + de + ": nachbestellt");
        assertThat(text(deFirst)).isEqualTo("""
                Hallo,

                es gibt Neuigkeiten zu Ihrer Bestellung %s.

                2 x sku-1 ist nachbestellt. Wir liefern voraussichtlich am 24. November 2026.
                Wenn Sie nicht warten möchten, können Sie hier stornieren: https://shop.example/orders/%s/cancel

                Viele Grüße
                Ihr Shop
                """.formatted(de, de));
        assertThat(enFirst.getMessageID()).startsWith("<n-").endsWith("@restock>");

        for (final String order : List.of(en, de)) {
            publish(Topics.DELIVERY_DATES, order, new DeliveryDateChanged("dd1-" + order, Instant.now(), order, "1",
                    "sku-1", DAY, DAY.plusDays(2), DateChangeReason.PROMISED_DATE_CHANGED));
        }
        assertThat(text(awaitEmail("ann-" + run, 2))).contains(
                "The delivery date of sku-1 has moved from November 24, 2026 to November 26, 2026.");
        assertThat(text(awaitEmail("bert-" + run, 2))).contains(
                "Der Liefertermin für sku-1 hat sich vom 24. November 2026 auf den 26. November 2026 verschoben.");

        for (final String order : List.of(en, de)) {
            lineEvent(order, new BackorderAllocated("ba1-" + order, Instant.now(), order, "1", "sku-1", 2, 0, null));
        }
        assertThat(text(awaitEmail("ann-" + run, 3))).contains("sku-1 is in stock and ready to ship.");
        assertThat(text(awaitEmail("bert-" + run, 3))).contains("sku-1 ist auf Lager und versandbereit.");

        for (final String order : List.of(en, de)) {
            publish(Topics.STOCK_MOVEMENTS, "sku-1", new StockMovement(new StockShipped("sh1-" + order, Instant.now(),
                    "mv-" + order, "wh-1", "sku-1", order, "1", 3, "DHL", "TRACK-" + order)));
        }
        assertThat(text(awaitEmail("ann-" + run, 4))).contains("3 x sku-1 has shipped.\nCarrier: DHL\nTracking number: TRACK-" + en);
        assertThat(text(awaitEmail("bert-" + run, 4))).contains("Sendungsnummer: TRACK-" + de);

        for (final String order : List.of(en, de)) {
            lineEvent(order, new LineRejected("rj3-" + order, Instant.now(), order, "3", "sku-3", 1,
                    RejectionReason.WAIT_TOO_LONG, null, List.of(new Substitute("sku-9", 4))));
        }
        assertThat(text(awaitEmail("ann-" + run, 5))).contains(
                "We cannot deliver 1 x sku-3: it would take too long to arrive.\nYou could order instead: sku-9");
        assertThat(text(awaitEmail("bert-" + run, 5))).contains("Stattdessen könnten Sie bestellen: sku-9");

        for (final String order : List.of(en, de)) {
            lineEvent(order, new LineReleased("rl2-" + order, Instant.now(), order, "2", "sku-2", 1));
        }
        assertThat(awaitEmail("ann-" + run, 6).getSubject()).isEqualTo("Your order " + en + ": cancelled");
        assertThat(awaitEmail("bert-" + run, 6).getSubject()).isEqualTo("Ihre Bestellung " + de + ": storniert");

        final List<NotificationEvent> audit = audit(en, 6);
        assertThat(audit).extracting(NotificationEvent::getEvent).allMatch(CustomerNotificationSent.class::isInstance);
    }

    @Test
    void aCrashBetweenSendingAndRecordingResendsOnceWithTheSameMessageIdAndRecordsOnce() throws Exception {
        final AtomicBoolean crashed = new AtomicBoolean();
        final NotificationRequested request = request("crash-" + run, "carl-" + run + "@example.com");
        final OutboxSender first = startSender(NotifierTopics.OUTBOX, smtp(), RetryPolicy.defaults(), r -> {
            if (r.getNotificationId().equals(request.getNotificationId()) && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash after SMTP accepted, before recording");
            }
        });
        final Thread firstThread = threads.getLast();
        outbox(request);
        awaitEmail("carl-" + run, 1);
        await().atMost(WAIT).until(() -> !firstThread.isAlive());
        assertThat(crashes).singleElement().extracting(Throwable::getMessage).asString().startsWith("simulated crash");
        first.close();

        startSender(NotifierTopics.OUTBOX, smtp(), RetryPolicy.defaults(), r -> { });
        awaitEmail("carl-" + run, 2);
        outbox(request); // published twice: the ledger drops it
        // Same key, so the same partition: once the marker is sent, the duplicate before it was handled.
        final NotificationRequested marker = NotificationRequested.newBuilder(request)
                .setNotificationId("n-marker-" + run).build();
        outbox(marker);
        awaitEmail("carl-" + run, 3);

        final List<MimeMessage> mails = mails("carl-" + run);
        assertThat(mails).hasSize(3);
        assertThat(mails.subList(0, 2)).extracting(MimeMessage::getMessageID).containsOnly(
                EmailChannel.messageId(request.getNotificationId()));
        assertThat(mails.get(2).getMessageID()).isEqualTo(EmailChannel.messageId(marker.getNotificationId()));
        final List<NotificationEvent> audit = audit(request.getOrderId(), 2);
        assertThat(audit).extracting(NotificationEvent::getEvent)
                .allMatch(CustomerNotificationSent.class::isInstance)
                .extracting(e -> ((CustomerNotificationSent) e).getNotificationId())
                .containsExactlyInAnyOrder(request.getNotificationId(), marker.getNotificationId());
    }

    @Test
    void eachNotificationIsSentOnceAcrossABatchAndARestart() throws Exception {
        final String order = "batch-" + run;
        final List<NotificationRequested> committed = new ArrayList<>();
        final List<NotificationRequested> crashed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            committed.add(request(order, "a" + i, "a" + i + "-" + run + "@example.com"));
            crashed.add(request(order, "b" + i, "b" + i + "-" + run + "@example.com"));
        }
        final List<String> deliveredBeforeCrash = new CopyOnWriteArrayList<>();
        final AtomicBoolean crashing = new AtomicBoolean();
        final OutboxSender first = startSender(NotifierTopics.OUTBOX, smtp(), RetryPolicy.defaults(), r -> {
            if (crashing.get()) {
                deliveredBeforeCrash.add(r.getNotificationId());
                if (deliveredBeforeCrash.size() == 5) {
                    throw new IllegalStateException("simulated crash in the middle of a delivered batch");
                }
            }
        });
        final Thread firstThread = threads.getLast();

        outboxAtomically(committed);
        assertThat(sentIds(order, ids(committed))).containsExactlyInAnyOrderElementsOf(ids(committed));

        crashing.set(true);
        outboxAtomically(crashed); // one transaction on one partition: one poll, one batch
        await().atMost(WAIT).until(() -> !firstThread.isAlive());
        assertThat(crashes).singleElement().extracting(Throwable::getMessage).asString().contains("simulated crash");
        assertThat(deliveredBeforeCrash).containsExactlyElementsOf(ids(crashed).subList(0, 5));
        first.close();

        startSender(NotifierTopics.OUTBOX, smtp(), RetryPolicy.defaults(), r -> { });
        outboxAtomically(committed); // the committed batch published again: the ledger drops all of it
        final NotificationRequested marker = request(order, "marker", "marker-" + run + "@example.com");
        outboxAtomically(List.of(marker));
        final List<String> all = new ArrayList<>(ids(committed));
        all.addAll(ids(crashed));
        all.add(marker.getNotificationId());
        assertThat(sentIds(order, all)).as("one CustomerNotificationSent per notification")
                .containsExactlyInAnyOrderElementsOf(all);

        for (final NotificationRequested r : committed) {
            assertThat(mails(localPart(r))).as("a committed batch is never sent again").hasSize(1);
        }
        for (final NotificationRequested r : crashed) {
            final List<MimeMessage> mails = mails(localPart(r));
            assertThat(mails).as("delivered before the crash: once more after the restart, else once")
                    .hasSize(deliveredBeforeCrash.contains(r.getNotificationId()) ? 2 : 1);
            assertThat(mails).extracting(MimeMessage::getMessageID)
                    .containsOnly(EmailChannel.messageId(r.getNotificationId()));
        }
        assertThat(mails(localPart(marker))).hasSize(1);
    }

    @Test
    void smtpDownIsRetriedThenDeadLetteredWhileAWebhookCustomerIsServedAtOnceWithAValidSignature() throws Exception {
        final List<Instant> webhookArrivals = new CopyOnWriteArrayList<>();
        final List<String> webhookFailures = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String signature = exchange.getRequestHeaders().getFirst("Restock-Signature");
            final boolean valid = IndependentVerifier.verify(SECRET, signature, body, Instant.now());
            if (valid && exchange.getRequestHeaders().getFirst("Restock-Delivery") != null) {
                webhookArrivals.add(Instant.now());
                bodies.add(new String(body, StandardCharsets.UTF_8));
            } else {
                webhookFailures.add(String.valueOf(signature));
            }
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
        closeables.add(() -> server.stop(0));
        final String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";

        final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1000), Duration.ofSeconds(2));
        final Channel deadSmtp = new EmailChannel(SmtpSettings.plain("127.0.0.1", ServiceUnderTest.freePort(),
                "shop@example.com"));
        final Map<String, NotifierSettings.ShopWebhook> shops = Map.of("shop-1",
                new NotifierSettings.ShopWebhook(hook, SECRET));
        startSender(NotifierTopics.OUTBOX, Map.of(NotificationChannel.EMAIL, deadSmtp,
                NotificationChannel.WEBHOOK, new WebhookChannel(shops, Duration.ofSeconds(5), Clock.systemUTC())),
                retry, r -> { });
        startSender(NotifierTopics.OUTBOX_RETRY, Map.of(NotificationChannel.EMAIL, deadSmtp), retry, r -> { });

        final NotificationRequested mail = request("down-" + run, "dora-" + run + "@example.com");
        final NotificationRequested webhook = NotificationRequested.newBuilder(request("hook-" + run, hook))
                .setChannel(NotificationChannel.WEBHOOK.name()).build();
        outbox(mail);
        outbox(webhook);

        final List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(NotifierTopics.OUTBOX_DEAD_LETTERS));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (mail.getOrderId().equals(r.key())) {
                        dead.add(r);
                    }
                });
                return !dead.isEmpty();
            });
        }
        final ConsumerRecord<String, byte[]> letter = dead.getFirst();
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.ERROR_REASON)).contains("SMTP_UNAVAILABLE");
        assertThat(DeadLetters.header(letter.headers(), OutboxSender.ATTEMPT_HEADER)).contains("2");
        assertThat(NotifierTopics.outboxSerde().deserialize("", letter.value()).getNotificationId())
                .isEqualTo(mail.getNotificationId());

        assertThat(webhookFailures).isEmpty();
        assertThat(webhookArrivals).hasSize(1);
        assertThat(webhookArrivals.getFirst()).isBefore(Instant.ofEpochMilli(letter.timestamp()));
        assertThat(bodies.getFirst()).contains("\"notificationId\":\"" + webhook.getNotificationId() + "\"");

        assertThat(audit(mail.getOrderId(), 1)).singleElement().extracting(NotificationEvent::getEvent)
                .isInstanceOfSatisfying(CustomerNotificationSuppressed.class,
                        s -> assertThat(s.getReason()).isEqualTo("DELIVERY_FAILED: SMTP_UNAVAILABLE after 3 attempt(s)"));
        assertThat(audit(webhook.getOrderId(), 1)).singleElement().extracting(NotificationEvent::getEvent)
                .isInstanceOf(CustomerNotificationSent.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    /** An HMAC-SHA256 verifier written from the documented format, not from the signer's code. */
    static final class IndependentVerifier {
        static boolean verify(final String secret, final String header, final byte[] body, final Instant now) {
            if (header == null) {
                return false;
            }
            final Map<String, String> parts = new HashMap<>();
            for (final String part : header.split(",")) {
                final int eq = part.indexOf('=');
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
            try {
                final long t = Long.parseLong(parts.get("t"));
                if (Math.abs(now.getEpochSecond() - t) > 300) {
                    return false;
                }
                final Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                final byte[] signed = (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                final byte[] expected = mac.doFinal(signed);
                return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
            } catch (final Exception e) {
                return false;
            }
        }
    }

    // ---- plumbing

    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> crashes = new CopyOnWriteArrayList<>();

    private void startDecisions(final Path stateDir) {
        final NotifierSettings settings = new NotifierSettings(Duration.ofDays(1), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofMillis(100), Map.of(), Map.of());
        final StreamsBuilder builder = new StreamsBuilder();
        NotifierTopology.define(builder, serdes, settings);
        final Properties props = NotifierStreamsConfig.properties(kafka.bootstrapServers(), stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "notifier-it-" + run);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        final KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.start();
        closeables.add(() -> streams.close(Duration.ofSeconds(10)));
    }

    private Map<NotificationChannel, Channel> smtp() {
        return Map.of(NotificationChannel.EMAIL, new EmailChannel(SmtpSettings.plain("127.0.0.1",
                ServerSetupTest.SMTP.getPort(), "shop@example.com")));
    }

    private OutboxSender startSender(final String source, final Map<NotificationChannel, Channel> channels,
                                     final RetryPolicy retry, final OutboxSender.AfterDelivery hook) {
        final Map<String, Object> props = new HashMap<>(kafka.producerProperties());
        // A group per test run, so runs sharing an external broker do not share offsets.
        final OutboxSender sender = new OutboxSender(source, props, "it-" + run + "-" + threads.size(), serdes,
                channels, new MessageRenderer("https://shop.example/orders/{orderId}/cancel"), retry,
                Clock.systemUTC(), hook, "it-" + run, OutboxSender.DEFAULT_BATCH_SIZE);
        final Thread thread = new Thread(sender, "sender-" + source + "-" + threads.size());
        thread.setUncaughtExceptionHandler((t, e) -> crashes.add(e));
        thread.start();
        threads.add(thread);
        closeables.add(sender);
        closeables.add(() -> {
            sender.stop();
            thread.join(10_000);
        });
        return sender;
    }

    private NotificationRequested request(final String orderId, final String recipient) {
        final Notice notice = Notice.newBuilder().setKind("READY_TO_SHIP").setLineId("1").setSku("sku-1").setQuantity(1)
                .setDate(null).setPreviousDate(null).setCarrier(null).setTrackingNumber(null).setReason(null)
                .setSubstitutes(new ArrayList<>()).setCauseEventIds(new ArrayList<>(List.of("ev-" + orderId)))
                .setReceivedAt(0L).setDueAt(0L).build();
        return NotificationRequested.newBuilder().setNotificationId("n-" + orderId).setRequestedAt(Instant.now())
                .setOrderId(orderId).setShopId("shop-1").setCustomerId("c-" + orderId).setLocale("en")
                .setChannel("EMAIL").setRecipient(recipient).setKind("READY_TO_SHIP").setNotices(List.of(notice))
                .setCauseEventIds(List.of("ev-" + orderId)).build();
    }

    /** One notification of an order among several: its own id and recipient. */
    private NotificationRequested request(final String orderId, final String suffix, final String recipient) {
        return NotificationRequested.newBuilder(request(orderId, recipient))
                .setNotificationId("n-" + orderId + "-" + suffix).build();
    }

    private static List<String> ids(final List<NotificationRequested> requests) {
        return requests.stream().map(NotificationRequested::getNotificationId).toList();
    }

    private static String localPart(final NotificationRequested request) {
        return request.getRecipient().substring(0, request.getRecipient().indexOf('@'));
    }

    /** Writes the requests in one transaction, so a read_committed consumer sees them all at once. */
    private void outboxAtomically(final List<NotificationRequested> requests) {
        final Map<String, Object> props = new HashMap<>(kafka.producerProperties());
        props.put("transactional.id", "notifier-it-writer-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (final NotificationRequested request : requests) {
                producer.send(new ProducerRecord<>(NotifierTopics.OUTBOX, request.getOrderId(),
                        NotifierTopics.outboxSerde().serialize(NotifierTopics.OUTBOX, request)));
            }
            producer.commitTransaction();
        }
    }

    /**
     * The notification ids of every {@code CustomerNotificationSent} of the order, one entry per event: waits
     * until each expected id has one, then reads on to the end of the topic.
     */
    private List<String> sentIds(final String orderId, final List<String> expected) {
        final List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, NotificationEvent> consumer = consumer(
                Topics.CUSTOMER_NOTIFICATIONS.valueSerde(serdes).deserializer())) {
            final List<org.apache.kafka.common.TopicPartition> partitions = consumer
                    .partitionsFor(Topics.CUSTOMER_NOTIFICATIONS.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Runnable read = () -> consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (orderId.equals(r.key()) && r.value().getEvent() instanceof CustomerNotificationSent sent) {
                    ids.add(sent.getNotificationId());
                }
            });
            await().atMost(WAIT).until(() -> {
                read.run();
                return ids.containsAll(expected);
            });
            final Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(WAIT).until(() -> {
                read.run();
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return ids;
    }

    private void outbox(final NotificationRequested request) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(NotifierTopics.OUTBOX, request.getOrderId(),
                    NotifierTopics.outboxSerde().serialize(NotifierTopics.OUTBOX, request))).get();
        }
    }

    private void place(final String orderId, final String email, final String locale) throws Exception {
        publish(Topics.ORDER_EVENTS, orderId, new OrderEvent(OrderPlaced.newBuilder().setEventId("op-" + orderId)
                .setOccurredAt(Instant.now()).setOrderId(orderId).setShopId("shop-1")
                .setCustomer(Customer.newBuilder().setCustomerId("c-" + orderId).setEmail(email).setLocale(locale).build())
                .setPlacedAt(Instant.now()).setMaxWaitDays(null).setCurrency("EUR")
                .setLines(Arrays.asList(new OrderLine("1", "sku-1", 3, BigDecimal.ONE),
                        new OrderLine("2", "sku-2", 1, BigDecimal.ONE), new OrderLine("3", "sku-3", 1, BigDecimal.ONE)))
                .build()));
    }

    private void lineEvent(final String orderId, final Object event) throws Exception {
        publish(Topics.LINE_EVENTS, orderId, new LineEvent(event));
    }

    private <V> void publish(final Topic<String, V> topic, final String key, final V value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic.name(), key,
                    topic.valueSerde(serdes).serializer().serialize(topic.name(), value))).get();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    private <V> KafkaConsumer<String, V> consumer(final org.apache.kafka.common.serialization.Deserializer<V> values) {
        final Map<String, Object> props = new HashMap<>(kafka.consumerProperties("notifier-it-" + UUID.randomUUID()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    /** Waits for at least {@code count} audit events of the order, then returns all of them read so far. */
    private List<NotificationEvent> audit(final String orderId, final int count) {
        final List<NotificationEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, NotificationEvent> consumer = consumer(
                Topics.CUSTOMER_NOTIFICATIONS.valueSerde(serdes).deserializer())) {
            consumer.subscribe(List.of(Topics.CUSTOMER_NOTIFICATIONS.name()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orderId.equals(r.key())) {
                        events.add(r.value());
                    }
                });
                return events.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (orderId.equals(r.key())) {
                    events.add(r.value());
                }
            });
        }
        return events;
    }

    private static List<MimeMessage> mails(final String localPart) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().startsWith(localPart + "@");
            } catch (final jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage awaitEmail(final String localPart, final int number) {
        await().atMost(WAIT).until(() -> mails(localPart).size() >= number);
        return mails(localPart).get(number - 1);
    }

    private static String text(final MimeMessage message) throws Exception {
        return ((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

}
