package io.restock.notifier.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.restock.notifier.delivery.SmtpSettings;

import java.time.Duration;

/**
 * The {@code notifier} block of application.yml (per-customer preferences and per-shop webhooks are
 * {@link CustomerPreferenceConfig} and {@link ShopWebhookConfig}).
 *
 * @param instanceId unique per running instance: part of the senders' transactional ids
 */
@ConfigurationProperties("notifier")
public record NotifierConfig(@Bindable(defaultValue = "notifier-1") String instanceId, Kafka kafka, Streams streams,
                             Decisions decisions, Email email, Sender sender, Webhook webhook, Retry retry) {

    /**
     * {@code notifier.kafka}: where the broker is. The registry ({@code schema-registry-url}) and how every client
     * logs in ({@code security-protocol}, {@code sasl-mechanism}, {@code sasl-jaas-config}) are read from the same
     * block by service-support's {@code ServiceKafkaFactory} (the EventSerdes and ClientLogin beans).
     */
    @ConfigurationProperties("kafka")
    public record Kafka(String bootstrapServers) {
    }

    /** {@code notifier.streams}: where the decisions' stores live. */
    @ConfigurationProperties("streams")
    public record Streams(String stateDir) {
    }

    /** {@code notifier.decisions}: what is told and when (see the README). */
    @ConfigurationProperties("decisions")
    public record Decisions(@Bindable(defaultValue = "1d") Duration dateChangeThreshold,
                            @Bindable(defaultValue = "10m") Duration coalescingWindow,
                            @Bindable(defaultValue = "30s") Duration groupingWindow,
                            @Bindable(defaultValue = "1s") Duration scanInterval) {
    }

    /** {@code notifier.email}: the SMTP server and the message's sender and cancel link. */
    @ConfigurationProperties("email")
    public record Email(String host, int port, @Bindable(defaultValue = "NONE") SmtpSettings.Security security,
                        @Nullable String username, @Nullable String password, String from, String cancelLink,
                        @Bindable(defaultValue = "100") int messagesPerConnection) {
    }

    /** {@code notifier.sender}: outbox records per poll and per transaction. */
    @ConfigurationProperties("sender")
    public record Sender(@Bindable(defaultValue = "100") int batchSize) {
    }

    /** {@code notifier.webhook}: how long a shop's webhook may take. */
    @ConfigurationProperties("webhook")
    public record Webhook(@Bindable(defaultValue = "10s") Duration timeout) {
    }

    /** {@code notifier.retry}: bounded retries of a failed delivery, with backoff. */
    @ConfigurationProperties("retry")
    public record Retry(@Bindable(defaultValue = "5") int maxAttempts,
                        @Bindable(defaultValue = "1s") Duration initialBackoff,
                        @Bindable(defaultValue = "1m") Duration maxBackoff) {
    }
}
