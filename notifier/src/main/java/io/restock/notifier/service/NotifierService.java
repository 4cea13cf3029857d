package io.restock.notifier.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.restock.events.NotificationChannel;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.delivery.Channel;
import io.restock.notifier.delivery.EmailChannel;
import io.restock.notifier.delivery.OutboxSender;
import io.restock.notifier.delivery.SmtpSettings;
import io.restock.notifier.delivery.WebhookChannel;
import io.restock.notifier.message.MessageRenderer;
import io.restock.notifier.topology.NotifierStreamsConfig;
import io.restock.notifier.topology.NotifierTopics;
import io.restock.notifier.topology.NotifierTopology;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import io.restock.service.kafka.ClientLogin;
import io.restock.service.streams.StreamsRunner;
import io.restock.service.webhook.RetryPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Runs the notifier: the decisions ({@link NotifierTopology}, Kafka Streams, exactly_once_v2) and two
 * senders ({@link OutboxSender} on {@code notifier.outbox} and on {@code notifier.outbox-retry}), each on
 * its own thread, sharing one {@link EmailChannel} (one kept SMTP connection). Configuration: the {@code notifier} block of application.yml ({@link NotifierConfig}). The decisions run on a
 * {@link StreamsRunner} (health {@code notifier-streams}); the senders' health is {@link NotifierHealthIndicator}.
 */
@Singleton
public final class NotifierService {

    private final StreamsRunner decisions;
    private final List<OutboxSender> senders = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Shared by both senders (one kept SMTP connection); closed after them. */
    private final EmailChannel email;
    /** Bootstrap servers and login, for every Kafka client the service makes besides Kafka Streams. */
    private final Map<String, Object> clients;

    public NotifierService(final NotifierConfig config, final List<CustomerPreferenceConfig> customers,
                           final List<ShopWebhookConfig> shops, final MeterRegistry meters, final ClientLogin login,
                           final EventSerdes serdes) {
        final NotifierConfig.Kafka kafka = config.kafka();
        this.clients = login.applyTo(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        final Map<String, NotifierSettings.CustomerPreference> preferences = new HashMap<>();
        customers.forEach(c -> preferences.put(c.customerId(),
                new NotifierSettings.CustomerPreference(c.channel(), c.optOut())));
        final Map<String, NotifierSettings.ShopWebhook> webhooks = new HashMap<>();
        shops.forEach(s -> webhooks.put(s.shopId(),
                new NotifierSettings.ShopWebhook(s.webhookUrl(), s.signingSecret())));
        final NotifierConfig.Decisions told = config.decisions();
        final NotifierSettings settings = new NotifierSettings(told.dateChangeThreshold(), told.coalescingWindow(),
                told.groupingWindow(), told.scanInterval(), preferences, webhooks);

        final Properties props = NotifierStreamsConfig.properties(kafka.bootstrapServers(), config.streams().stateDir());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        login.addTo(props);
        final StreamsBuilder builder = StreamsDefaults.builder(props);
        NotifierTopology.define(builder, serdes, settings);
        // Started in start(), after the notifier's own topics exist.
        this.decisions = new StreamsRunner(NotifierStreamsConfig.APPLICATION_ID, NotifierStreamsConfig.APPLICATION_ID,
                builder.build(), props, meters).startedByOwner();

        final NotifierConfig.Email mail = config.email();
        this.email = new EmailChannel(new SmtpSettings(mail.host(), mail.port(), mail.security(),
                Objects.requireNonNullElse(mail.username(), ""), Objects.requireNonNullElse(mail.password(), ""),
                mail.from(), Duration.ofSeconds(5), Duration.ofSeconds(10)), mail.messagesPerConnection());
        final Channel webhook = new WebhookChannel(webhooks, config.webhook().timeout(), Clock.systemUTC());
        final Map<NotificationChannel, Channel> channels = Map.of(NotificationChannel.EMAIL, email,
                NotificationChannel.WEBHOOK, webhook);
        final MessageRenderer renderer = new MessageRenderer(mail.cancelLink());
        final NotifierConfig.Retry retries = config.retry();
        final RetryPolicy retry = new RetryPolicy(retries.maxAttempts(), retries.initialBackoff(), retries.maxBackoff());
        for (final String source : List.of(NotifierTopics.OUTBOX, NotifierTopics.OUTBOX_RETRY)) {
            senders.add(new OutboxSender(source, clients, config.instanceId(), serdes, channels, renderer, retry,
                    Clock.systemUTC(), request -> { }, NotifierStreamsConfig.APPLICATION_ID + "-sender",
                    config.sender().batchSize()));
        }
    }

    /** The decisions' Kafka Streams application: on {@code /health} as {@code notifier-streams}. */
    StreamsRunner decisions() {
        return decisions;
    }

    @EventListener
    void start(final StartupEvent event) {
        try (Admin admin = Admin.create(clients)) {
            NotifierTopics.create(admin, Duration.ofSeconds(30));
        }
        decisions.start();
        for (final OutboxSender sender : senders) {
            final Thread thread = Thread.ofPlatform().name("notifier-sender-" + threads.size()).start(sender);
            threads.add(thread);
        }
    }

    /** True once the senders were started. */
    public boolean sendersStarted() {
        return !threads.isEmpty();
    }

    /** True while every sender thread runs. */
    public boolean sendersAlive() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    @PreDestroy
    public void close() throws InterruptedException {
        senders.forEach(OutboxSender::stop);
        for (final Thread thread : threads) {
            thread.join(10_000);
        }
        senders.forEach(OutboxSender::close);
        email.close();
        decisions.close();
    }
}
