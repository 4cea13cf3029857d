package io.restock.suppliergateway.suppliers;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.List;

/**
 * One supplier from {@code supplier-gateway.suppliers.<id>}: {@code name}, {@code channel} (KAFKA or
 * WEBHOOK), {@code webhook-url}, {@code signing-secrets} (newest first, at most two),
 * {@code api-key-sha256}, {@code contact}. The registry topic overrides these (admin API).
 */
@EachProperty("supplier-gateway.suppliers")
public final class SupplierConfiguration {

    private final String id;
    private String name;
    private Channel channel = Channel.KAFKA;
    private String webhookUrl;
    private List<String> signingSecrets = List.of();
    private String apiKeySha256;
    private String contact;

    public SupplierConfiguration(@Parameter final String id) {
        this.id = id;
    }

    public Supplier toSupplier() {
        return new Supplier(id, name == null ? id : name, channel, webhookUrl, signingSecrets, apiKeySha256, contact);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(final String name) {
        this.name = name;
    }

    public Channel getChannel() {
        return channel;
    }

    public void setChannel(final Channel channel) {
        this.channel = channel;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(final String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public List<String> getSigningSecrets() {
        return signingSecrets;
    }

    public void setSigningSecrets(final List<String> signingSecrets) {
        this.signingSecrets = signingSecrets;
    }

    public String getApiKeySha256() {
        return apiKeySha256;
    }

    public void setApiKeySha256(final String apiKeySha256) {
        this.apiKeySha256 = apiKeySha256;
    }

    public String getContact() {
        return contact;
    }

    public void setContact(final String contact) {
        this.contact = contact;
    }
}
