package io.restock.notifier.service;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.restock.events.NotificationChannel;

/**
 * {@code notifier.customers.<customerId>.channel} (EMAIL / WEBHOOK; unset: the default order of channels) and
 * {@code .opt-out} (false unless set).
 */
@EachProperty("notifier.customers")
public record CustomerPreferenceConfig(@Parameter String customerId, @Nullable NotificationChannel channel,
                                       @Bindable(defaultValue = "false") boolean optOut) {
}
