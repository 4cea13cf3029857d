package io.restock.notifier.service;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/** {@code notifier.shops.<shopId>.webhook-url} and {@code .signing-secret}. */
@EachProperty("notifier.shops")
public record ShopWebhookConfig(@Parameter String shopId, @Nullable String webhookUrl,
                                @Nullable String signingSecret) {
}
