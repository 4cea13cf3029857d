package io.restock.notifier.service;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/** {@code notifier.shops.<shopId>.webhook-url} and {@code .signing-secret}. */
@EachProperty("notifier.shops")
public final class ShopWebhookConfig {

    private final String shopId;
    private String webhookUrl;
    private String signingSecret;

    public ShopWebhookConfig(@Parameter final String shopId) {
        this.shopId = shopId;
    }

    public String getShopId() {
        return shopId;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(final String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(final String signingSecret) {
        this.signingSecret = signingSecret;
    }
}
