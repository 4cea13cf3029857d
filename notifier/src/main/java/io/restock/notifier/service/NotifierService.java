package io.restock.notifier.service;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
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
import io.restock.service.webhook.RetryPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the notifier: the decisions ({@link NotifierTopology}, Kafka Streams, exactly_once_v2) and two
 * senders ({@link OutboxSender} on {@code notifier.outbox} and on {@code notifier.outbox-retry}), each on
 * its own thread, sharing one {@link EmailChannel} (one kept SMTP connection). Configuration: the {@code notifier} block of application.yml.
 */
@Singleton
public final class NotifierService {

    private final KafkaStreams streams;
    private final List<OutboxSender> senders = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final MeterRegistry meters;
    /** Shared by both senders (one kept SMTP connection); closed after them. */
    private final EmailChannel email;
    /** Bootstrap servers and login, for every Kafka client the service makes besides Kafka Streams. */
    private final Map<String, Object> clients;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    public NotifierService(@Value("${notifier.kafka.bootstrap-servers}") final String bootstrapServers,
                           @Value("${notifier.kafka.schema-registry-url}") final String registryUrl,
                           @Value("${notifier.streams.state-dir}") final String stateDir,
                           @Value("${notifier.instance-id:notifier-1}") final String instanceId,
                           @Value("${notifier.decisions.date-change-threshold:1d}") final Duration threshold,
                           @Value("${notifier.decisions.coalescing-window:10m}") final Duration coalescing,
                           @Value("${notifier.decisions.grouping-window:30s}") final Duration grouping,
                           @Value("${notifier.decisions.scan-interval:1s}") final Duration scan,
                           @Value("${notifier.email.host}") final String smtpHost,
                           @Value("${notifier.email.port}") final int smtpPort,
                           @Value("${notifier.email.security:NONE}") final SmtpSettings.Security security,
                           @Value("${notifier.email.username:}") final String username,
                           @Value("${notifier.email.password:}") final String password,
                           @Value("${notifier.email.from}") final String from,
                           @Value("${notifier.email.cancel-link}") final String cancelLink,
                           @Value("${notifier.email.messages-per-connection:100}") final int messagesPerConnection,
                           @Value("${notifier.sender.batch-size:100}") final int batchSize,
                           @Value("${notifier.retry.max-attempts:5}") final int maxAttempts,
                           @Value("${notifier.retry.initial-backoff:1s}") final Duration initialBackoff,
                           @Value("${notifier.retry.max-backoff:1m}") final Duration maxBackoff,
                           @Value("${notifier.webhook.timeout:10s}") final Duration webhookTimeout,
                           final List<CustomerPreferenceConfig> customers, final List<ShopWebhookConfig> shops,
                           final MeterRegistry meters,
                           @Value("${notifier.kafka.security-protocol:PLAINTEXT}") final String securityProtocol,
                           @Value("${notifier.kafka.sasl-mechanism:}") final String saslMechanism,
                           @Value("${notifier.kafka.sasl-jaas-config:}") final String saslJaasConfig) {
        this.meters = meters;
        final ClientLogin login = new ClientLogin("notifier.kafka", securityProtocol, saslMechanism, saslJaasConfig);
        this.clients = login.applyTo(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        final Map<String, NotifierSettings.CustomerPreference> preferences = new HashMap<>();
        customers.forEach(c -> preferences.put(c.getCustomerId(),
                new NotifierSettings.CustomerPreference(c.getChannel(), c.isOptOut())));
        final Map<String, NotifierSettings.ShopWebhook> webhooks = new HashMap<>();
        shops.forEach(s -> webhooks.put(s.getShopId(),
                new NotifierSettings.ShopWebhook(s.getWebhookUrl(), s.getSigningSecret())));
        final NotifierSettings settings = new NotifierSettings(threshold, coalescing, grouping, scan, preferences,
                webhooks);
        final EventSerdes serdes = EventSerdes.registry(registryUrl, false);

        final StreamsBuilder builder = new StreamsBuilder();
        NotifierTopology.define(builder, serdes, settings);
        final Properties props = NotifierStreamsConfig.properties(bootstrapServers, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        login.addTo(props);
        this.streams = new KafkaStreams(builder.build(), props);
        streams.setStateListener((next, previous) -> state = next);

        this.email = new EmailChannel(new SmtpSettings(smtpHost, smtpPort, security, username, password, from,
                Duration.ofSeconds(5), Duration.ofSeconds(10)), messagesPerConnection);
        final Channel webhook = new WebhookChannel(webhooks, webhookTimeout, Clock.systemUTC());
        final Map<NotificationChannel, Channel> channels = Map.of(NotificationChannel.EMAIL, email,
                NotificationChannel.WEBHOOK, webhook);
        final MessageRenderer renderer = new MessageRenderer(cancelLink);
        final RetryPolicy retry = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
        for (final String source : List.of(NotifierTopics.OUTBOX, NotifierTopics.OUTBOX_RETRY)) {
            senders.add(new OutboxSender(source, clients, instanceId, serdes, channels, renderer, retry,
                    Clock.systemUTC(), request -> { }, NotifierStreamsConfig.APPLICATION_ID + "-sender", batchSize));
        }
    }

    @EventListener
    void start(final StartupEvent event) {
        try (Admin admin = Admin.create(clients)) {
            NotifierTopics.create(admin, Duration.ofSeconds(30));
        }
        new KafkaStreamsMetrics(streams).bindTo(meters);
        streams.start();
        for (final OutboxSender sender : senders) {
            final Thread thread = Thread.ofPlatform().name("notifier-sender-" + threads.size()).start(sender);
            threads.add(thread);
        }
    }

    public KafkaStreams.State state() {
        return state;
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
        streams.close(Duration.ofSeconds(10));
    }
}
