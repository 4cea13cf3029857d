package io.restock.notifier.service;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.restock.events.NotificationChannel;

/** {@code notifier.customers.<customerId>.channel} (EMAIL / WEBHOOK) and {@code .opt-out}. */
@EachProperty("notifier.customers")
public final class CustomerPreferenceConfig {

    private final String customerId;
    private NotificationChannel channel;
    private boolean optOut;

    public CustomerPreferenceConfig(@Parameter final String customerId) {
        this.customerId = customerId;
    }

    public String getCustomerId() {
        return customerId;
    }

    public NotificationChannel getChannel() {
        return channel;
    }

    public void setChannel(final NotificationChannel channel) {
        this.channel = channel;
    }

    public boolean isOptOut() {
        return optOut;
    }

    public void setOptOut(final boolean optOut) {
        this.optOut = optOut;
    }
}
